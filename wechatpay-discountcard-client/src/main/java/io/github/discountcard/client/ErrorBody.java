package io.github.discountcard.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** The APIv3 error body: {@code {"code": "...", "message": "...", "detail": {...}}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
record ErrorBody(@Nullable String code, @Nullable String message, @Nullable JsonNode detail) {
}
