package io.github.discountcard.sample;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.discountcard.client.DiscountCardClient;
import io.github.discountcard.client.launch.CardLaunch;
import io.github.discountcard.client.model.AddUserRecordsRequest;
import io.github.discountcard.client.model.DiscountCard;
import io.github.discountcard.client.model.PrepareCardRequest;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.env.Environment;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The current discount card flow (cards family) through the injected {@link DiscountCardClient}: prepare a claim and
 * answer what the front end needs to open WeChat's claim page, report what the user did, query the card. WeChat Pay
 * errors answer as JSON with their code (see {@link WechatPayErrorHandler}).
 */
@RestController
@RequestMapping("/cards")
@EnableConfigurationProperties(SampleCardProperties.class)
class CardController {

    private final DiscountCardClient client;

    private final SampleCardProperties properties;

    private final Environment environment;

    CardController(DiscountCardClient client, SampleCardProperties properties, Environment environment) {
        this.client = client;
        this.properties = properties;
        this.environment = environment;
    }

    /** {@code POST /cards}, optional body {@code {"out_card_code": …}} (generated when absent). */
    @PostMapping
    Mono<PreparedCardAnswer> prepare(@RequestBody(required = false) @Nullable PrepareBody body) {
        String outCardCode = (body != null && body.outCardCode() != null) ? body.outCardCode() : newCardCode();
        PrepareCardRequest request = new PrepareCardRequest(outCardCode, this.properties.cardTemplateId(),
                this.properties.appid(), this.properties.notifyUrl(this.environment));
        return this.client.prepareCard(request).map((prepared) -> new PreparedCardAnswer(outCardCode,
                prepared.prepareCardToken(), CardLaunch.of(prepared.prepareCardToken())));
    }

    /** {@code GET /cards/{out_card_code}}: the card as WeChat Pay answered it. */
    @GetMapping("/{outCardCode}")
    Mono<DiscountCard> getCard(@PathVariable String outCardCode) {
        return this.client.getCard(outCardCode);
    }

    /**
     * {@code POST /cards/{out_card_code}/records}: an add-user-records body as documented; {@code card_template_id}
     * may be left out (the sample knows its template). Answers 204.
     */
    @PostMapping("/{outCardCode}/records")
    Mono<ResponseEntity<Void>> addRecords(@PathVariable String outCardCode,
            @RequestBody AddUserRecordsRequest request) {
        String templateId = this.properties.cardTemplateId();
        AddUserRecordsRequest complete = (request.cardTemplateId() == null && templateId != null)
                ? request.withCardTemplateId(templateId) : request;
        return this.client.addUserRecords(outCardCode, complete).then(Mono.fromSupplier(
                () -> ResponseEntity.noContent().build()));
    }

    private static String newCardCode() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** The optional body of {@code POST /cards}. */
    record PrepareBody(@JsonProperty("out_card_code") @Nullable String outCardCode) {
    }

    /** The answer of {@code POST /cards}: the card code, the token and how to open the claim page. */
    record PreparedCardAnswer(@JsonProperty("out_card_code") String outCardCode,
            @JsonProperty("prepare_card_token") String prepareCardToken, @JsonProperty("launch") CardLaunch launch) {
    }
}
