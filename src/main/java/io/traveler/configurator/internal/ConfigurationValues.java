package io.traveler.configurator.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** A configuration's values as stored (a JSON object) and as the rule engine reads them (JSON-parsed, by code). */
public final class ConfigurationValues {
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private ConfigurationValues() {}

    /** Stored JSON text as plain values (maps, lists, strings, numbers, booleans), to answer as it is. */
    public static Object tree(String json) {
        return json == null ? null : JSON.readValue(json, Object.class);
    }

    static Map<String, Object> parse(String json) {
        return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
    }

    static String write(Object value) {
        return JSON.writeValueAsString(value);
    }
}
