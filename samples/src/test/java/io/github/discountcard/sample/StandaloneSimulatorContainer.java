package io.github.discountcard.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import io.github.discountcard.test.SimulatorMain;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.images.builder.dockerfile.DockerfileBuilder;
import org.testcontainers.utility.MountableFile;

/**
 * The standalone simulator ({@code wechatpay-discountcard-test-VERSION-standalone.jar}) in a container, as
 * {@code SampleAgainstContainerizedSimulatorIT} runs it: an image on a JRE base image that holds only the jar and
 * runs it with {@code java -jar}; the merchant's public key and the platform's private key as files copied into the
 * container (not PEM text in variables); https with a certificate for {@value #TLS_HOSTNAME} that the simulator writes
 * to {@value #CERTIFICATE_FILE} for the test to copy out; the port published on the host's loopback only. Defining all
 * this asks Docker nothing (starting the container builds the image), so {@code StandaloneSimulatorContainerTests}
 * checks it where no Docker engine runs.
 */
final class StandaloneSimulatorContainer {

    /** The system property with the standalone jar's path; Failsafe sets it (see samples/pom.xml). */
    static final String JAR_PROPERTY = "simulator.standalone-jar";

    static final String BASE_IMAGE_PROPERTY = "simulator.base-image";

    static final String DEFAULT_BASE_IMAGE = "eclipse-temurin:17-jre";

    static final String JAR = "/app/simulator.jar";

    static final String MERCHANT_PUBLIC_KEY_FILE = "/keys/merchant-public.pem";

    static final String PLATFORM_PRIVATE_KEY_FILE = "/keys/platform-private.pem";

    /** Under {@code /tmp}: writable whichever user the base image runs as. */
    static final String CERTIFICATE_FILE = "/tmp/simulator-tls/simulator.crt";

    /** The name the application uses, so host name verification applies as it would between two containers. */
    static final String TLS_HOSTNAME = "localhost";

    /** The SSL bundle the application trusts the simulator's certificate through. */
    static final String SSL_BUNDLE = "simulator";

    static final int PORT = SimulatorMain.DEFAULT_PORT;

    private static final String JAR_IN_BUILD_CONTEXT = "simulator.jar";

    /** Readable by whichever user the base image runs as; the keys are generated for one test run only. */
    private static final int READABLE_BY_ALL = 0444;

    private StandaloneSimulatorContainer() {
    }

    /** The standalone jar that {@code package} built and the build copied for Failsafe. */
    static Path jar() {
        String value = System.getProperty(JAR_PROPERTY);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("No standalone simulator jar: the system property " + JAR_PROPERTY
                    + " is not set (Failsafe sets it after `package`; see samples/pom.xml)");
        }
        Path jar = Path.of(value);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The standalone simulator jar " + jar.toAbsolutePath() + " (" + JAR_PROPERTY
                    + ") does not exist: it is built by `package` of wechatpay-discountcard-test and copied by the"
                    + " samples' pre-integration-test phase");
        }
        return jar;
    }

    /** The image: the base image, the jar as {@value #JAR}, and {@code java -jar} as its entry point. */
    static String dockerfile(String baseImage) {
        return new DockerfileBuilder()
            .from(baseImage)
            .copy(JAR_IN_BUILD_CONTEXT, JAR)
            .expose(PORT)
            .entryPoint("java", "-jar", JAR)
            .build();
    }

    /** An image built from {@link #dockerfile(String)} with the jar as its only file; deleted when the JVM exits. */
    static ImageFromDockerfile image(String baseImage, Path jar) {
        return new ImageFromDockerfile(
                "localhost/discountcard-simulator-test:" + UUID.randomUUID().toString().toLowerCase(Locale.ROOT), true)
            .withFileFromPath(JAR_IN_BUILD_CONTEXT, jar)
            .withFileFromString("Dockerfile", dockerfile(baseImage));
    }

    /**
     * What the simulator in the container reads: the scenario's variables with the two keys given as the paths of the
     * files {@link #writeKeyFiles} wrote, every interface of the container (its port is published on the host's
     * loopback only), and TLS for {@value #TLS_HOSTNAME} with the certificate written to {@value #CERTIFICATE_FILE}.
     */
    static Map<String, String> environment(Map<String, String> scenario) {
        Map<String, String> env = new LinkedHashMap<>(scenario);
        requirePem(scenario, SimulatorMain.MERCHANT_PUBLIC_KEY);
        requirePem(scenario, SimulatorMain.PLATFORM_PRIVATE_KEY);
        env.put(SimulatorMain.MERCHANT_PUBLIC_KEY, MERCHANT_PUBLIC_KEY_FILE);
        env.put(SimulatorMain.PLATFORM_PRIVATE_KEY, PLATFORM_PRIVATE_KEY_FILE);
        env.put(SimulatorMain.HOST, "0.0.0.0");
        env.put(SimulatorMain.PORT, Integer.toString(PORT));
        env.put(SimulatorMain.TLS, "true");
        env.put(SimulatorMain.TLS_HOSTNAMES, TLS_HOSTNAME);
        env.put(SimulatorMain.TLS_CERTIFICATE_FILE, CERTIFICATE_FILE);
        return env;
    }

    /**
     * Writes the scenario's merchant public key and platform private key into the directory.
     * @return the written files by the path they get in the container
     */
    static Map<String, Path> writeKeyFiles(Map<String, String> scenario, Path directory) throws IOException {
        Files.createDirectories(directory);
        Map<String, Path> files = new LinkedHashMap<>();
        files.put(MERCHANT_PUBLIC_KEY_FILE, Files.writeString(directory.resolve("merchant-public.pem"),
                requirePem(scenario, SimulatorMain.MERCHANT_PUBLIC_KEY), StandardCharsets.US_ASCII));
        files.put(PLATFORM_PRIVATE_KEY_FILE, Files.writeString(directory.resolve("platform-private.pem"),
                requirePem(scenario, SimulatorMain.PLATFORM_PRIVATE_KEY), StandardCharsets.US_ASCII));
        return files;
    }

    /**
     * The container, not started: {@link #image}, {@link #environment}, the key files copied in, the port published
     * on 127.0.0.1 only, the output logged, and started once the simulator prints {@link SimulatorMain#READY}.
     * @param keyDirectory where the key files are written on this machine
     */
    static GenericContainer<?> container(String baseImage, Path jar, Map<String, String> scenario, Path keyDirectory)
            throws IOException {
        GenericContainer<?> container = new GenericContainer<>(image(baseImage, jar))
            .withEnv(environment(scenario))
            .withExposedPorts(PORT)
            .withCreateContainerCmdModifier((cmd) -> publishOnLoopback(cmd.getHostConfig()))
            .withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger("simulator-container")))
            .waitingFor(Wait.forLogMessage("(?s).*" + Pattern.quote(SimulatorMain.READY) + ".*", 1)
                .withStartupTimeout(Duration.ofMinutes(2)));
        writeKeyFiles(scenario, keyDirectory).forEach((containerPath, file) -> container
            .withCopyFileToContainer(MountableFile.forHostPath(file, READABLE_BY_ALL), containerPath));
        return container;
    }

    /** Publishes {@value #PORT} on the host's loopback only (Docker's default is every interface), on a free port. */
    static void publishOnLoopback(HostConfig hostConfig) {
        hostConfig.withPortBindings(new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(PORT)));
    }

    /** The application's base URL: by the certificate's name, so host name verification stays on. */
    static String baseUrl(int mappedPort) {
        return "https://" + TLS_HOSTNAME + ":" + mappedPort;
    }

    /** The application's arguments that make it trust exactly this certificate, through a PEM SSL bundle. */
    static List<String> applicationArguments(Path certificate) {
        return List.of("--spring.ssl.bundle.pem." + SSL_BUNDLE + ".truststore.certificate=file:"
                + certificate.toAbsolutePath(), "--wechatpay.ssl.bundle=" + SSL_BUNDLE);
    }

    private static String requirePem(Map<String, String> scenario, String name) {
        String value = scenario.get(name);
        if (value == null || !value.contains("-----BEGIN")) {
            throw new IllegalArgumentException(name + " must be PEM text to be written to a key file");
        }
        return value;
    }
}
