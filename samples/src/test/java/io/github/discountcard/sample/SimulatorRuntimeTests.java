package io.github.discountcard.sample;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator's runtime files for the simulator-in-a-process test. */
class SimulatorRuntimeTests {

    @Test
    void theRuntimeHoldsTheSimulatorAndItsDependenciesButNoSpring() {
        Map<String, Path> files = SimulatorRuntime.files();
        assertThat(files.values()).map((path) -> path.getFileName().toString())
            .noneMatch((name) -> name.startsWith("spring-"))
            .noneMatch((name) -> name.startsWith("testcontainers"))
            .noneMatch((name) -> name.startsWith("logback"))
            .noneMatch((name) -> name.startsWith("wechatpay-discountcard-autoconfigure"))
            .anyMatch((name) -> name.startsWith("reactor-netty-http"))
            .anyMatch((name) -> name.startsWith("netty-codec-http"))
            .anyMatch((name) -> name.startsWith("jackson-databind"))
            .anyMatch((name) -> name.startsWith("bcpkix"))
            .anyMatch((name) -> name.startsWith("jspecify"));
        assertThat(files.keySet()).allMatch((name) -> name.matches("lib/[^/]+\\.jar|classes/\\d+"));
    }

    @Test
    void theLocalClassPathNamesExactlyTheRuntimeFiles() {
        Map<String, Path> files = SimulatorRuntime.files();
        assertThat(SimulatorRuntime.localClasspath(files).split(File.pathSeparator))
            .containsExactlyElementsOf(files.values().stream().map(Path::toString).toList());
    }
}
