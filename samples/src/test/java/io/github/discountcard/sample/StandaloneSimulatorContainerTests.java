package io.github.discountcard.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import io.github.discountcard.client.DiscountCardClient;
import io.github.discountcard.client.model.DiscountCardOrder;
import io.github.discountcard.test.DiscountCardSimulator;
import io.github.discountcard.test.PemWriter;
import io.github.discountcard.test.SimulatorMain;
import io.github.discountcard.test.TestMerchant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.ImageFromDockerfile;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The container of {@code SampleAgainstContainerizedSimulatorIT}, checked where no Docker engine runs: its image,
 * environment, key files and port publishing as defined (defining them asks Docker nothing), and its settings run by
 * {@link SimulatorMain} (the standalone jar's main) on this machine, with the container's file paths under a
 * temporary directory, for the sample application to reach over TLS with the arguments the container test gives it.
 */
class StandaloneSimulatorContainerTests {

    private final TestMerchant merchant = TestMerchant.generate();

    private final KeyPair platform = OutOfProcessSimulatorScenario.rsaKeyPair();

    @Test
    void theImageRunsTheStandaloneJarWithJavaJar() {
        assertThat(StandaloneSimulatorContainer.dockerfile("eclipse-temurin:17-jre").lines()).containsExactly(
                "FROM eclipse-temurin:17-jre",
                "COPY [\"simulator.jar\",\"/app/simulator.jar\"]",
                "EXPOSE 8080",
                "ENTRYPOINT [\"java\",\"-jar\",\"/app/simulator.jar\"]");
        assertThat(StandaloneSimulatorContainer.DEFAULT_BASE_IMAGE).isEqualTo("eclipse-temurin:17-jre");
    }

    @Test
    void theImageHoldsTheJarAndNoKeys(@TempDir Path directory) throws IOException {
        Path jar = Files.writeString(directory.resolve("wechatpay-discountcard-test-standalone.jar"), "not a jar");
        ImageFromDockerfile image = StandaloneSimulatorContainer.image("eclipse-temurin:17-jre", jar);
        assertThat(image.getDockerImageName()).startsWith("localhost/discountcard-simulator-test:");
        assertThat(image.isDeleteOnExit()).isTrue();
        assertThat(image.getTransferables().keySet()).containsExactlyInAnyOrder("Dockerfile", "simulator.jar");
        assertThat(image.getTransferables().get("simulator.jar").getSize()).isEqualTo(Files.size(jar));
    }

    @Test
    void theEnvironmentNamesKeyFilesAndTurnsTlsOn() {
        Map<String, String> env = StandaloneSimulatorContainer.environment(scenarioEnv());
        assertThat(env)
            .containsEntry(SimulatorMain.MERCHANT_PUBLIC_KEY, "/keys/merchant-public.pem")
            .containsEntry(SimulatorMain.PLATFORM_PRIVATE_KEY, "/keys/platform-private.pem")
            .containsEntry(SimulatorMain.HOST, "0.0.0.0")
            .containsEntry(SimulatorMain.PORT, "8080")
            .containsEntry(SimulatorMain.TLS, "true")
            .containsEntry(SimulatorMain.TLS_HOSTNAMES, "localhost")
            .containsEntry(SimulatorMain.TLS_CERTIFICATE_FILE, "/tmp/simulator-tls/simulator.crt")
            .containsEntry(SimulatorMain.MCH_ID, this.merchant.mchId())
            .containsEntry(SimulatorMain.MERCHANT_SERIAL_NUMBER, this.merchant.serialNumber())
            .containsEntry(SimulatorMain.PLATFORM_PUBLIC_KEY_ID, OutOfProcessSimulatorScenario.PLATFORM_KEY_ID)
            .containsEntry(SimulatorMain.ORDERS, OutOfProcessSimulatorScenario.ORDER_TO_GET + ","
                    + OutOfProcessSimulatorScenario.ORDER_TO_PATCH);
        assertThat(env.values()).noneMatch((value) -> value.contains("-----BEGIN"));
    }

    @Test
    void keysThatAreNotPemTextAreRefusedByName() {
        Map<String, String> scenario = scenarioEnv();
        scenario.put(SimulatorMain.PLATFORM_PRIVATE_KEY, "/somewhere/key.pem");
        assertThatIllegalArgumentException().isThrownBy(() -> StandaloneSimulatorContainer.environment(scenario))
            .withMessage(SimulatorMain.PLATFORM_PRIVATE_KEY + " must be PEM text to be written to a key file");
    }

    @Test
    void theKeyFilesHoldTheScenariosKeys(@TempDir Path directory) throws IOException {
        Map<String, Path> files = StandaloneSimulatorContainer.writeKeyFiles(scenarioEnv(), directory.resolve("keys"));
        assertThat(files).containsOnlyKeys("/keys/merchant-public.pem", "/keys/platform-private.pem");
        assertThat(Files.readString(files.get("/keys/merchant-public.pem"))).isEqualTo(this.merchant.publicKeyPem());
        assertThat(Files.readString(files.get("/keys/platform-private.pem")))
            .isEqualTo(PemWriter.privateKey(this.platform.getPrivate()));
    }

    @Test
    @SuppressWarnings("deprecation") // getCopyToFileContainerPathMap: the one public view of the files to copy
    void theContainerGetsTheEnvironmentAndTheKeyFiles(@TempDir Path directory) throws IOException {
        Path jar = Files.writeString(directory.resolve("simulator-standalone.jar"), "not a jar");
        Map<String, String> scenario = scenarioEnv();
        try (GenericContainer<?> container = StandaloneSimulatorContainer.container("eclipse-temurin:17-jre", jar,
                scenario, directory.resolve("keys"))) {
            assertThat(container.getEnvMap()).isEqualTo(StandaloneSimulatorContainer.environment(scenario));
            assertThat(container.getExposedPorts()).containsExactly(8080);
            assertThat(container.getCopyToFileContainerPathMap().values())
                .containsExactlyInAnyOrder("/keys/merchant-public.pem", "/keys/platform-private.pem");
            assertThat(container.getCopyToFileContainerPathMap().keySet())
                .allSatisfy((file) -> assertThat(Path.of(file.getResolvedPath()))
                    .startsWith(directory.resolve("keys")));
            assertThat(container.getCreateContainerCmdModifiers()).isNotEmpty();
            assertThat(container.getLogConsumers()).hasSize(1);
        }
    }

    @Test
    void thePortIsPublishedOnLoopbackOnly() {
        HostConfig hostConfig = HostConfig.newHostConfig();
        StandaloneSimulatorContainer.publishOnLoopback(hostConfig);
        Map<ExposedPort, Ports.Binding[]> bindings = hostConfig.getPortBindings().getBindings();
        assertThat(bindings).containsOnlyKeys(ExposedPort.tcp(8080));
        assertThat(bindings.get(ExposedPort.tcp(8080))).containsExactly(Ports.Binding.bindIp("127.0.0.1"));
    }

    /**
     * The container's settings as the standalone jar's main reads them (its files under a directory that stands for
     * the container's root, bound to loopback here), and the application trusting the certificate it wrote through
     * the arguments the container test gives it.
     */
    @Test
    void theContainersSettingsServeTlsThatTheApplicationTrusts(@TempDir Path root) throws IOException {
        Map<String, String> scenario = scenarioEnv();
        Map<String, Path> keyFiles = StandaloneSimulatorContainer.writeKeyFiles(scenario, root.resolve("host-keys"));
        for (Map.Entry<String, Path> file : keyFiles.entrySet()) {   // what withCopyFileToContainer does
            Path target = inContainer(root, file.getKey());
            Files.createDirectories(target.getParent());
            Files.copy(file.getValue(), target);
        }
        Map<String, String> env = new LinkedHashMap<>();
        StandaloneSimulatorContainer.environment(scenario).forEach((name, value) ->
                env.put(name, value.startsWith("/") ? inContainer(root, value).toString() : value));
        env.put(SimulatorMain.HOST, "127.0.0.1");  // not every interface of this machine
        env.put(SimulatorMain.PORT, "0");
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (DiscountCardSimulator simulator = SimulatorMain.start(env, List.of(),
                new PrintStream(output, true, StandardCharsets.UTF_8))) {
            Path certificate = inContainer(root, StandaloneSimulatorContainer.CERTIFICATE_FILE);
            assertThat(certificate).isRegularFile();
            assertThat(simulator.baseUrl()).startsWith("https://");
            assertThat(output.toString(StandardCharsets.UTF_8))
                .contains("Merchant " + this.merchant.mchId() + " registered with serial "
                        + this.merchant.serialNumber())
                .contains("Signing responses with WeChat Pay public key "
                        + OutOfProcessSimulatorScenario.PLATFORM_KEY_ID)
                .contains("TLS certificate for localhost:")
                .doesNotContain("PRIVATE KEY");

            List<String> args = new ArrayList<>(List.of("--sample.simulator.enabled=false",
                    "--wechatpay.base-url=" + StandaloneSimulatorContainer.baseUrl(simulator.port()),
                    "--wechatpay.mch-id=" + this.merchant.mchId(),
                    "--wechatpay.merchant-serial-number=" + this.merchant.serialNumber(),
                    "--wechatpay.private-key=" + this.merchant.privateKeyPem(),
                    "--wechatpay.api-v3-key=" + this.merchant.apiV3Key(),
                    "--wechatpay.public-key=" + PemWriter.publicKey(this.platform.getPublic()),
                    "--wechatpay.public-key-id=" + OutOfProcessSimulatorScenario.PLATFORM_KEY_ID));
            args.addAll(StandaloneSimulatorContainer.applicationArguments(certificate));
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SampleApplication.class)
                .web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new))) {
                DiscountCardOrder order = app.getBean(DiscountCardClient.class)
                    .getOrder(OutOfProcessSimulatorScenario.ORDER_TO_GET)
                    .block();
                assertThat(order).isNotNull();
                assertThat(order.outOrderNo()).isEqualTo(OutOfProcessSimulatorScenario.ORDER_TO_GET);
            }
            assertThat(simulator.requestCount()).isEqualTo(1);
        }
    }

    /** A container path under the directory that stands for the container's root. */
    private static Path inContainer(Path root, String containerPath) {
        return root.resolve(containerPath.substring(1));
    }

    /** As {@code OutOfProcessSimulatorScenario#simulatorEnv()} gives it: keys as PEM text. */
    private Map<String, String> scenarioEnv() {
        return OutOfProcessSimulatorScenario.simulatorEnv(this.merchant, this.platform);
    }
}
