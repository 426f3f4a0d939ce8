package io.github.discountcard.sample;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Map;

import io.github.discountcard.test.SimulatorMain;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The sample against the standalone simulator in a container, as a docker-compose set-up runs it (see README): the
 * runnable jar ({@value StandaloneSimulatorContainer#JAR_PROPERTY}, built by {@code package} and copied by the
 * build) run with {@code java -jar} on a JRE base image ({@value StandaloneSimulatorContainer#BASE_IMAGE_PROPERTY},
 * default {@value StandaloneSimulatorContainer#DEFAULT_BASE_IMAGE}), the keys as files copied into the container,
 * TLS on. The test copies the certificate the simulator wrote out of the container, and the application trusts
 * exactly that certificate through a PEM SSL bundle and reaches the simulator as {@code https://localhost:PORT}, with
 * host name verification on. The port is published on 127.0.0.1 only ({@link StandaloneSimulatorContainer}).
 * Run by Failsafe after {@code package}; skipped, with the reason, where no Docker engine runs: the condition is
 * checked before anything here is built, so nothing asks Docker or an image registry for anything then.
 */
@Testcontainers(disabledWithoutDocker = true)
class SampleAgainstContainerizedSimulatorIT extends OutOfProcessSimulatorScenario {

    @TempDir
    Path directory;

    private @Nullable GenericContainer<?> simulator;

    private @Nullable Path certificate;

    @Override
    SimulatorEndpoint startSimulator(Map<String, String> env) throws Exception {
        String dockerHost = DockerClientFactory.instance().dockerHostIpAddress();
        assumeTrue(isLoopback(dockerHost), () -> "Docker publishes container ports on " + dockerHost
                + ", not on this machine's loopback; this test keeps the simulator on loopback");
        GenericContainer<?> container = StandaloneSimulatorContainer.container(
                System.getProperty(StandaloneSimulatorContainer.BASE_IMAGE_PROPERTY,
                        StandaloneSimulatorContainer.DEFAULT_BASE_IMAGE),
                StandaloneSimulatorContainer.jar(), env, this.directory.resolve("keys"));
        this.simulator = container;
        container.start();
        // written before the ready line, which the container's start waited for
        Path written = this.directory.resolve("simulator.crt");
        container.copyFileFromContainer(StandaloneSimulatorContainer.CERTIFICATE_FILE, written.toString());
        this.certificate = written;
        return new SimulatorEndpoint(
                StandaloneSimulatorContainer.baseUrl(container.getMappedPort(StandaloneSimulatorContainer.PORT)),
                StandaloneSimulatorContainer.applicationArguments(written));
    }

    @Override
    void stopSimulator() {
        if (this.simulator != null) {
            this.simulator.stop();
        }
    }

    @Test
    void theContainerRanTheStandaloneJarWithKeyFilesAndTls() throws Exception {
        GenericContainer<?> container = running();
        assertThat(container.getContainerInfo().getConfig().getEntrypoint())
            .containsExactly("java", "-jar", StandaloneSimulatorContainer.JAR);
        String logs = container.getLogs();
        Map<String, String> env = simulatorEnv();
        assertThat(logs)
            .contains("Merchant " + env.get(SimulatorMain.MCH_ID) + " registered with serial "
                    + env.get(SimulatorMain.MERCHANT_SERIAL_NUMBER))
            .contains("Signing responses with WeChat Pay public key " + PLATFORM_KEY_ID)
            .contains("TLS certificate written to " + StandaloneSimulatorContainer.CERTIFICATE_FILE)
            .contains(SimulatorMain.READY + "https://")
            .doesNotContain("PRIVATE KEY");
        assertThat(container.getEnvMap())
            .containsEntry(SimulatorMain.MERCHANT_PUBLIC_KEY, StandaloneSimulatorContainer.MERCHANT_PUBLIC_KEY_FILE)
            .containsEntry(SimulatorMain.PLATFORM_PRIVATE_KEY, StandaloneSimulatorContainer.PLATFORM_PRIVATE_KEY_FILE);
    }

    /** The certificate the application trusts (the calls above went through it) is the simulator's, for localhost. */
    @Test
    void theCopiedCertificateNamesLocalhostOnly() throws Exception {
        Path copied = this.certificate;
        assertThat(copied).isNotNull();
        X509Certificate trusted = (X509Certificate) CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(copied)));
        assertThat(trusted.getSubjectAlternativeNames()).extracting((name) -> (Object) name.get(1))
            .containsExactly(StandaloneSimulatorContainer.TLS_HOSTNAME);
    }

    private GenericContainer<?> running() {
        GenericContainer<?> container = this.simulator;
        assertThat(container).isNotNull();
        assertThat(container.isRunning()).isTrue();
        return container;
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+") && !host.contains(":")) {
            return false; // a name: not resolved here
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        }
        catch (UnknownHostException ex) {
            return false;
        }
    }
}
