package io.github.discountcard.test;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Reads a request body the way WeChat Pay's write endpoints do: one JSON object, or a PARAM_ERROR naming the body. */
final class RequestBodies {

    private RequestBodies() {
    }

    static JsonNode jsonObject(ObjectMapper mapper, byte[] body) {
        if (body.length == 0) {
            throw ApiException.paramError("body", "is empty: expected a JSON object", "body");
        }
        JsonNode root;
        try {
            root = mapper.readTree(body);
        }
        catch (JacksonException ex) {
            throw ApiException.paramError("body", "is not valid JSON: " + ex.getOriginalMessage(), "body");
        }
        if (root == null || !root.isObject()) {
            throw ApiException.paramError("body", "must be a JSON object", "body");
        }
        return root;
    }
}
