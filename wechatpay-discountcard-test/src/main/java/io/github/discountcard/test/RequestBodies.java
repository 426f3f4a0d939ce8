package io.github.discountcard.test;

import java.util.ArrayList;
import java.util.List;

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

    /** The array {@code name} of {@code root} as a list, empty when absent or null; a PARAM_ERROR when not an array. */
    static List<JsonNode> array(JsonNode root, String name) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ApiException.paramError(name, "must be an array", "body");
        }
        List<JsonNode> elements = new ArrayList<>(node.size());
        node.forEach(elements::add);
        return elements;
    }
}
