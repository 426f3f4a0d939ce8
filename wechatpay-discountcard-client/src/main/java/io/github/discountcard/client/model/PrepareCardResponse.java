package io.github.discountcard.client.model;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The 200 response of {@code POST /v3/discount-card/cards}. JSON properties this version does not know are kept in
 * {@code unknownFields} and written back.
 *
 * @param prepareCardToken {@code prepare_card_token}: opens WeChat's claim page (up to 256 characters), see
 * {@code io.github.discountcard.client.launch.CardLaunch}
 * @param unknownFields the properties this version does not know, never {@code null}; {@code toString()} names them
 * without their values
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PrepareCardResponse(@JsonProperty("prepare_card_token") String prepareCardToken,
        @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> unknownFields) {

    public PrepareCardResponse {
        unknownFields = UnknownFields.copyOf(unknownFields);
    }

    /**
     * A response without unknown fields.
     * @param prepareCardToken {@code prepare_card_token}
     */
    public PrepareCardResponse(String prepareCardToken) {
        this(prepareCardToken, Map.of());
    }
}
