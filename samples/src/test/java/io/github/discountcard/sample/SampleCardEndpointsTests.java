package io.github.discountcard.sample;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.github.discountcard.test.DiscountCardSimulator;
import io.github.discountcard.test.SimulatedCard;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample's cards endpoints end to end: HTTP in, the auto-configured client, the in-process simulator. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleCardEndpointsTests {

    static final String RECORDS = """
            {"objective_completion_records":[{"objective_completion_serial_no":"S-%1$s","objective_id":"OBJ-1",
              "completion_time":"2015-05-20T13:29:35.120+08:00","completion_type":"INCREASE","description":"到店消费",
              "completion_count":1}],
             "reward_usage_records":[{"reward_usage_serial_no":"U-%1$s","reward_id":"RWD-1",
              "usage_time":"2015-05-20T13:29:35.12+08:00","usage_type":"INCREASE","description":"立减5元",
              "usage_count":1,"amount":500}]}
            """;

    @LocalServerPort
    int port;

    @Autowired
    DiscountCardSimulator simulator;

    WebTestClient http() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
    }

    @Test
    void theCardWalkthroughRanAtStartup() {
        SimulatedCard card = this.simulator.card(CardWalkthrough.DEMO_CARD).orElseThrow();
        assertThat(card.state()).isEqualTo("ONGOING");
        assertThat(card.objectives().get(0).records()).extracting(SimulatedCard.CompletionRecord::serialNo)
            .containsExactly("DEMO-C-0001");
        assertThat(card.usedAmount()).isEqualTo(500);
    }

    @Test
    void prepareClaimRecordAndQuery() {
        Map<?, ?> prepared = http().post().uri("/cards").contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"out_card_code\":\"SAMPLE-CARD-1\"}").exchange()
            .expectStatus().isOk()
            .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(prepared.get("out_card_code")).isEqualTo("SAMPLE-CARD-1");
        String token = (String) prepared.get("prepare_card_token");
        assertThat(token).isEqualTo(this.simulator.preparedCard("SAMPLE-CARD-1").orElseThrow().prepareCardToken());
        Map<?, ?> launch = (Map<?, ?>) prepared.get("launch");
        assertThat(launch.get("appid")).isEqualTo("wxcc2e4fbc5887661e");
        assertThat(launch.get("username")).isEqualTo("gh_b8b605649746");
        String path = (String) launch.get("path");
        assertThat(URLDecoder.decode(path.substring(path.indexOf('=') + 1), StandardCharsets.UTF_8)).isEqualTo(token);
        assertThat(this.simulator.preparedCard("SAMPLE-CARD-1").orElseThrow().notifyUrl())
            .as("demo mode: notifications to the sample itself").startsWith("http://127.0.0.1:" + this.port + "/");

        http().post().uri("/demo/cards/{code}/claim", "SAMPLE-CARD-1").exchange()
            .expectStatus().isOk()
            .expectBody().jsonPath("$.state").isEqualTo("ONGOING");
        http().post().uri("/demo/cards/{code}/claim", "SAMPLE-CARD-1").exchange().expectStatus().isEqualTo(409);

        for (int attempt = 0; attempt < 2; attempt++) { // the same serial numbers count once
            http().post().uri("/cards/{code}/records", "SAMPLE-CARD-1").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(RECORDS.formatted("1")).exchange()
                .expectStatus().isNoContent()
                .expectBody().isEmpty();
        }

        http().get().uri("/cards/{code}", "SAMPLE-CARD-1").exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.out_card_code").isEqualTo("SAMPLE-CARD-1")
            .jsonPath("$.card_template_id").isEqualTo(DemoSimulatorInitializer.DEMO_CARD_TEMPLATE)
            .jsonPath("$.state").isEqualTo("ONGOING")
            .jsonPath("$.time_range.begin_time").isNotEmpty()
            .jsonPath("$.objectives[0].objective_completion_records.length()").isEqualTo(1)
            .jsonPath("$.rewards[0].reward_usage_records[0].amount").isEqualTo(500)
            .jsonPath("$.rewards[0].reward_usage_records[0].usage_time").isEqualTo("2015-05-20T13:29:35.120+08:00");
    }

    @Test
    void aGeneratedCardCodeWhenTheBodyIsAbsent() {
        http().post().uri("/cards").exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.out_card_code").value((code) -> assertThat((String) code).matches("[0-9a-f]{32}"))
            .jsonPath("$.launch.path").value((path) -> assertThat((String) path)
                .startsWith("/pages/get-card/get-card?prepare_card_token="));
    }

    @Test
    void wechatPayErrorsAnswerAsJsonWithTheirCode() {
        http().get().uri("/cards/{code}", "NO-SUCH-CARD").exchange()
            .expectStatus().isNotFound()
            .expectBody()
            .jsonPath("$.code").isEqualTo("RESOURCE_NOT_EXISTS")
            .jsonPath("$.request_id").isNotEmpty();
        http().post().uri("/cards/{code}/records", "NO-SUCH-CARD").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(RECORDS.formatted("404")).exchange()
            .expectStatus().isNotFound()
            .expectBody().jsonPath("$.code").isEqualTo("RESOURCE_NOT_EXISTS");
        http().post().uri("/demo/cards/{code}/claim", "NEVER-PREPARED").exchange()
            .expectStatus().isNotFound()
            .expectBody().jsonPath("$.code").isEqualTo("NOT_PREPARED");
    }

    @Test
    void invalidRecordsAreRefusedBeforeWechatPayNamingTheField() {
        int before = this.simulator.requestCount();
        http().post().uri("/cards/{code}/records", "SAMPLE-CARD-X").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(RECORDS.formatted("X").replace("\"amount\":500", "\"amount\":0")).exchange()
            .expectStatus().isBadRequest()
            .expectBody()
            .jsonPath("$.code").isEqualTo("INVALID_REQUEST")
            .jsonPath("$.message").value((message) -> assertThat((String) message)
                .contains("reward_usage_records[0].amount"));
        http().get().uri("/cards/{code}", "bad*code/../x").exchange().expectStatus().is4xxClientError();
        assertThat(this.simulator.requestCount()).isEqualTo(before);
    }
}
