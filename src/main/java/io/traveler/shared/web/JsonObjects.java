package io.traveler.catalog.web;

import io.traveler.shared.errors.ValidationException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON-object fields of requests (a part's dimensions, a variant's attributes), kept as their text. */
final class JsonObjects {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonObjects() {}

    /** The object's text; null for an absent or null value; 422 naming the field for any other JSON value. */
    static String text(String field, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (!node.isObject()) {
            throw new ValidationException(field, "must be a JSON object");
        }
        return node.toString();
    }

    static JsonNode read(String text) {
        return text == null ? null : JSON.readTree(text);
    }
}
