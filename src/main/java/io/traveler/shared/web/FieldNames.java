package io.traveler.shared.web;

/** The API speaks snake_case; Java speaks camelCase. Field names in problems follow the API. */
public final class FieldNames {
    private FieldNames() {}

    public static String snake(String name) {
        if (name == null) {
            return null;
        }
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
