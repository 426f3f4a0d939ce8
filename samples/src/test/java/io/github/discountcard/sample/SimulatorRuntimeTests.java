package io.github.discountcard.sample;

import java.nio.file.Path;
import java.util.Map;

import io.github.discountcard.test.SimulatorMain;
import org.junit.jupiter.api.Test;
import org.testcontainers.images.builder.ImageFromDockerfile;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator image's definition, checked without Docker (defining it contacts nothing). */
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
    void theImageCopiesTheRuntimeAndRunsSimulatorMain() {
        Map<String, Path> files = SimulatorRuntime.files();
        String dockerfile = SimulatorRuntime.dockerfile("eclipse-temurin:17-jre", files);
        assertThat(dockerfile.lines()).containsExactly(
                "FROM eclipse-temurin:17-jre",
                "COPY [\"app\",\"/app\"]",
                "EXPOSE 8080",
                "ENTRYPOINT [\"java\",\"-cp\",\"" + SimulatorRuntime.containerClasspath(files) + "\",\""
                        + SimulatorMain.class.getName() + "\"]");
        assertThat(SimulatorRuntime.containerClasspath(files)).startsWith("/app/lib/*");

        ImageFromDockerfile image = SimulatorRuntime.image("eclipse-temurin:17-jre");
        assertThat(image.getDockerImageName()).startsWith("localhost/discountcard-simulator-test:");
        assertThat(image.isDeleteOnExit()).isTrue();
        assertThat(image.getTransferables().keySet()).contains("Dockerfile")
            .containsAll(files.keySet().stream().map((name) -> "app/" + name).toList())
            .hasSize(files.size() + 1);
    }
}
