package io.github.discountcard.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.discountcard.test.NotificationPayloads;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample as Spring AOT left it, on the JVM: the packaged jar (with the classes {@code process-aot} generated)
 * started with {@code -Dspring.aot.enabled=true}, so the bean factory comes from generated code, not from
 * configuration classes and conditions. In demo mode it calls the in-process simulator through the starter's
 * client and receives the simulator's notifications on the starter's endpoint. Run by Failsafe after
 * {@code package}; the jar's path comes from the build ({@code sample.jar}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleAotIT {

    private static final Pattern STARTED = Pattern.compile(".*Netty started on port (\\d+).*");

    private final List<String> output = new CopyOnWriteArrayList<>();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final JsonMapper json = JsonMapper.builder().build();

    private Process process;

    private String baseUrl;

    @BeforeAll
    void startTheAotProcessedSample() throws Exception {
        Path jar = Path.of(System.getProperty("sample.jar", "target/wechatpay-discountcard-sample.jar"));
        assertThat(jar).as("the packaged sample (run by Failsafe after package)").isRegularFile();
        this.process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dspring.aot.enabled=true", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--server.port=0",
                "--server.address=127.0.0.1")
            .redirectErrorStream(true)
            .start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
                in.lines().forEach((line) -> {
                    this.output.add(line);
                    lines.add(line);
                });
            }
            catch (IOException ex) {
                lines.add("(output not readable: " + ex + ")");
            }
        }, "aot-sample-output");
        reader.setDaemon(true);
        reader.start();
        while (true) {
            String line = lines.poll(120, TimeUnit.SECONDS);
            if (line == null || !this.process.isAlive() && lines.isEmpty()) {
                throw new IllegalStateException("The AOT-processed sample did not start: " + this.output);
            }
            Matcher started = STARTED.matcher(line);
            if (started.matches()) {
                this.baseUrl = "http://127.0.0.1:" + started.group(1);
                return;
            }
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (this.process != null) {
            this.process.toHandle().destroy();
            if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
                this.process.destroyForcibly();
            }
        }
    }

    @Test
    void theBeanFactoryCameFromTheGeneratedCode() {
        assertThat(this.output).anyMatch((line) -> line.contains("Starting AOT-processed SampleApplication"));
        assertThat(Files.exists(Path.of("target/classes/io/github/discountcard/sample/"
                + "SampleApplication__BeanFactoryRegistrations.class"))).isTrue();
    }

    @Test
    void aCallGoesThroughTheStartersClient() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/orders/" + DemoSimulatorInitializer.DEMO_ORDER))
            .GET());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode order = this.json.readTree(answer.body());
        assertThat(order.path("out_order_no").asString()).isEqualTo(DemoSimulatorInitializer.DEMO_ORDER);
        assertThat(order.path("state").asString()).isNotBlank();
        assertThat(order.path("create_time").asString()).as("written by the models' RFC 3339 serializer")
            .matches("\\d{4}-\\d{2}-\\d{2}T.*");
    }

    @Test
    void aNotificationIsVerifiedDecryptedAndHandled() throws Exception {
        String card = "AOT-END-1";
        // the card's life in demo mode: prepared (the sample's notify_url is its own endpoint), claimed, then ended
        HttpResponse<String> prepared = send(HttpRequest.newBuilder(uri("/cards"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"out_card_code\":\"" + card + "\"}")));
        assertThat(prepared.statusCode()).as(prepared.body()).isBetween(200, 299);
        HttpResponse<String> claimed = send(HttpRequest.newBuilder(uri("/demo/cards/" + card + "/claim"))
            .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(claimed.statusCode()).as(claimed.body()).isBetween(200, 299);
        HttpResponse<String> ended = send(HttpRequest.newBuilder(uri("/demo/cards/" + card + "/end"))
            .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(ended.statusCode()).as(ended.body()).isEqualTo(202);
        JsonNode delivery = this.json.readTree(ended.body());
        assertThat(delivery.path("delivered").asBoolean()).as(ended.body()).isTrue();
        assertThat(delivery.path("reply_status").asInt()).isEqualTo(204);

        HttpResponse<String> inbox = send(HttpRequest.newBuilder(uri("/notifications")).GET());
        assertThat(inbox.statusCode()).isEqualTo(200);
        JsonNode received = null;
        for (JsonNode entry : this.json.readTree(inbox.body())) {
            if (card.equals(entry.path("resource").path("out_card_code").asString())
                    && NotificationPayloads.AGREEMENT_ENDED.equals(entry.path("eventType").asString())) {
                received = entry;
            }
        }
        assertThat(received).as(inbox.body()).isNotNull();
        assertThat(received.path("eventType").asString()).isEqualTo(NotificationPayloads.AGREEMENT_ENDED);
        assertThat(received.path("event").asString()).isEqualTo("AGREEMENT_ENDED");
        assertThat(received.path("resource").path("state").asString()).isEqualTo("UNFINISHED");
    }

    private URI uri(String path) {
        return URI.create(this.baseUrl + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return this.http.send(request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
