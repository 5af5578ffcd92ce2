package io.traveler.shared.web;

import io.traveler.shared.errors.ValidationException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON-object fields of requests and forms (a part's dimensions, a variant's attributes, a customer's addresses),
 * kept as their text.
 */
public final class JsonObjects {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonObjects() {}

    /** The object's text; null for an absent or null value; 422 naming the field for any other JSON value. */
    public static String text(String field, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (!node.isObject()) {
            throw new ValidationException(field, "must be a JSON object");
        }
        return node.toString();
    }

    public static JsonNode read(String text) {
        return text == null ? null : JSON.readTree(text);
    }

    /**
     * A form's text field holding a JSON object: its compact text, or null when left empty; 422 naming the field
     * for anything else.
     */
    public static String parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return text(field, JSON.readTree(text));
        } catch (JacksonException e) {
            throw new ValidationException(field, "must be a JSON object, such as {\"city\": \"Porto\"}");
        }
    }
}
