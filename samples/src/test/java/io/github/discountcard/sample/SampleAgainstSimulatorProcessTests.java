package io.github.discountcard.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.discountcard.test.SimulatorMain;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The out-of-process scenario without Docker or packaging: {@link SimulatorMain} in a JVM of its own, run from the
 * simulator's runtime files on this test JVM's class path ({@link SimulatorRuntime}), over plain http on 127.0.0.1
 * only. (The standalone jar in a container, over TLS: {@code SampleAgainstContainerizedSimulatorIT}.)
 */
class SampleAgainstSimulatorProcessTests extends OutOfProcessSimulatorScenario {

    private Process process;

    private final List<String> output = new ArrayList<>();

    @Override
    SimulatorEndpoint startSimulator(Map<String, String> env) throws Exception {
        Map<String, Path> files = SimulatorRuntime.files();
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                SimulatorRuntime.localClasspath(files), SimulatorMain.class.getName())
            .redirectErrorStream(true);
        builder.environment().keySet().removeIf((name) -> name.startsWith("SIMULATOR_"));
        builder.environment().putAll(env);
        builder.environment().put(SimulatorMain.HOST, "127.0.0.1");
        builder.environment().put(SimulatorMain.PORT, "0");
        this.process = builder.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
                in.lines().forEach(lines::add);
            }
            catch (IOException ex) {
                lines.add("(output not readable: " + ex + ")");
            }
        }, "simulator-output");
        reader.setDaemon(true);
        reader.start();
        Pattern ready = Pattern.compile(Pattern.quote(SimulatorMain.READY) + "(http://127\\.0\\.0\\.1:\\d+)");
        while (true) {
            String line = lines.poll(60, TimeUnit.SECONDS);
            if (line == null) {
                throw new IllegalStateException("The simulator printed no ready line within 60 s: " + this.output);
            }
            this.output.add(line);
            Matcher matcher = ready.matcher(line);
            if (matcher.matches()) {
                return SimulatorEndpoint.plain(matcher.group(1));
            }
        }
    }

    @Override
    void stopSimulator() throws Exception {
        if (this.process != null) {
            this.process.toHandle().destroy(); // SIGTERM, as docker stop sends
            if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
                this.process.destroyForcibly();
            }
        }
    }

    @Test
    void theSimulatorWasConfiguredFromTheEnvironment() {
        assertThat(this.output)
            .contains("Merchant " + simulatorEnv().get(SimulatorMain.MCH_ID) + " registered with serial "
                    + simulatorEnv().get(SimulatorMain.MERCHANT_SERIAL_NUMBER))
            .contains("Orders seeded: " + ORDER_TO_GET + ", " + ORDER_TO_PATCH)
            .contains("Signing responses with WeChat Pay public key " + PLATFORM_KEY_ID);
    }
}
