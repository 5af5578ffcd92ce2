package io.traveler.catalog.internal;

import io.traveler.shared.CsvCells;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.databind.JsonNode;

/**
 * One row of an import, whatever the file's format: its fields by column name as trimmed text, empty when absent.
 * A JSON import's row is an object of the array with the CSV headers as field names. A CSV cell loses the
 * {@code '} an export put before a formula character ({@link CsvCells}).
 */
interface ImportRow {
    String value(String column);

    /** Why the row cannot be read as a row at all (a JSON array element that is no object), or null. */
    default String problem() {
        return null;
    }

    record Csv(CSVRecord record) implements ImportRow {
        @Override
        public String value(String column) {
            return record.isSet(column) ? CsvCells.unescape(record.get(column).trim()) : "";
        }
    }

    record Json(JsonNode node) implements ImportRow {
        @Override
        public String value(String column) {
            if (!node.isObject()) {
                return "";
            }
            JsonNode field = node.get(column);
            if (field == null || field.isNull()) {
                return "";
            }
            if (field.isNumber()) {
                return plain(field.toString());
            }
            if (field.isObject() || field.isArray()) {
                return field.toString();
            }
            return field.asString().trim();
        }

        @Override
        public String problem() {
            return node.isObject() ? null : "is not a JSON object";
        }
    }

    /** A number as its digits, unless it is out of bounds (then as written, refused when checked as a number). */
    private static String plain(String number) {
        try {
            var decimal = new java.math.BigDecimal(number);
            return io.traveler.shared.Quantities.bounded(decimal) ? decimal.toPlainString() : number;
        } catch (NumberFormatException e) {
            return number;
        }
    }
}
