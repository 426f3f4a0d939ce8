package io.github.discountcard.sample;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import io.github.discountcard.test.SimulatorMain;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The sample against the simulator in a container: an image built from a JRE base image
 * ({@value #BASE_IMAGE_PROPERTY}, default {@value #DEFAULT_BASE_IMAGE}) with the simulator's runtime files
 * ({@link SimulatorRuntime}), run with {@link SimulatorMain}'s environment variables; its port is published on
 * 127.0.0.1 only. Skipped, with the reason, where no Docker engine runs: the condition is checked before anything
 * here is built, so nothing asks Docker or an image registry for anything then.
 */
@Testcontainers(disabledWithoutDocker = true)
class SampleAgainstContainerizedSimulatorTests extends OutOfProcessSimulatorScenario {

    static final String BASE_IMAGE_PROPERTY = "simulator.base-image";

    static final String DEFAULT_BASE_IMAGE = "eclipse-temurin:17-jre";

    private static final int PORT = SimulatorMain.DEFAULT_PORT;

    private GenericContainer<?> simulator;

    @Override
    String startSimulator(Map<String, String> env) {
        String dockerHost = DockerClientFactory.instance().dockerHostIpAddress();
        assumeTrue(isLoopback(dockerHost), () -> "Docker publishes container ports on " + dockerHost
                + ", not on this machine's loopback; this test (and the starter's plain-http rule) keeps to loopback");
        this.simulator = new GenericContainer<>(
                SimulatorRuntime.image(System.getProperty(BASE_IMAGE_PROPERTY, DEFAULT_BASE_IMAGE)))
            .withEnv(env)
            .withEnv(SimulatorMain.PORT, Integer.toString(PORT))
            // the simulator binds loopback unless told otherwise; inside a container that must be every interface
            .withEnv(SimulatorMain.HOST, "0.0.0.0")
            .withExposedPorts(PORT)
            // publish on the host's loopback only (Docker's default is every interface)
            .withCreateContainerCmdModifier((cmd) -> cmd.getHostConfig()
                .withPortBindings(new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(PORT))))
            .withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger("simulator-container")))
            .waitingFor(Wait.forLogMessage("(?s).*" + Pattern.quote(SimulatorMain.READY) + ".*", 1)
                .withStartupTimeout(Duration.ofMinutes(2)));
        this.simulator.start();
        return "http://127.0.0.1:" + this.simulator.getMappedPort(PORT);
    }

    @Override
    void stopSimulator() {
        if (this.simulator != null) {
            this.simulator.stop();
        }
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
