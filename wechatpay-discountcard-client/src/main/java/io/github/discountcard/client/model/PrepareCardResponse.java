package io.github.discountcard.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The 200 response of {@code POST /v3/discount-card/cards}. Unknown JSON properties are ignored.
 *
 * @param prepareCardToken {@code prepare_card_token}: opens WeChat's claim page (up to 256 characters), see
 * {@code io.github.discountcard.client.launch.CardLaunch}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PrepareCardResponse(@JsonProperty("prepare_card_token") String prepareCardToken) {
}
