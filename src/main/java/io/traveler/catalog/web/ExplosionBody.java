package io.traveler.catalog.web;

import io.swagger.v3.oas.annotations.media.Schema;
import io.traveler.catalog.internal.BomService;
import io.traveler.catalog.internal.BomService.ExplodedLine;
import io.traveler.shared.errors.ValidationException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * An explosion written as its lines are made, straight into the response: no list of lines, no per-line
 * reflection. {@link Lines#FULL} writes exactly what {@link BomService.Explosion} would; {@link Lines#COMPACT} each
 * line as an array in the order of {@code columns}; {@link Lines#NONE} the totals only.
 */
@JsonSerialize(using = ExplosionBody.Writer.class)
record ExplosionBody(BomService.PreparedExplosion explosion, Lines lines) {
    enum Lines {
        FULL,
        COMPACT,
        NONE;

        static Lines of(String value) {
            return Arrays.stream(values())
                    .filter(l -> l.name().equalsIgnoreCase(value))
                    .findFirst()
                    .orElseThrow(() -> new ValidationException("lines", "must be full, compact or none"));
        }
    }

    /** The names of a line's fields, in the order a full line writes them and a compact line holds them. */
    static final List<String> COLUMNS = List.of(
            "depth",
            "path",
            "component_type",
            "component_id",
            "number",
            "name",
            "quantity",
            "extended_quantity",
            "unit",
            "unit_cost",
            "extended_cost",
            "weight",
            "substitute_group",
            "substitute");

    /** {@code ?lines=compact}: each line an array of the values named by {@code columns}, in that order. */
    @Schema(
            name = "CompactExplosion",
            requiredProperties = {"total_cost", "total_weight", "leaf_count", "line_count", "columns", "lines"})
    record Compact(
            BigDecimal totalCost,
            BigDecimal totalWeight,
            int leafCount,
            long lineCount,

            @Schema(description = "The names of the values of each line, in order")
            List<String> columns,

            @Schema(description = "Each line's values in the order of columns")
            List<List<Object>> lines) {}

    /** {@code ?lines=none}: what the explosion adds up, without its lines. */
    @Schema(
            name = "ExplosionTotals",
            requiredProperties = {"total_cost", "total_weight", "leaf_count", "line_count"})
    record Totals(BigDecimal totalCost, BigDecimal totalWeight, int leafCount, long lineCount) {}

    static final class Writer extends ValueSerializer<ExplosionBody> {
        private static final SerializableString[] NAMES =
                COLUMNS.stream().map(SerializedString::new).toArray(SerializableString[]::new);
        private static final SerializedString LINES = new SerializedString("lines");

        @Override
        public void serialize(ExplosionBody body, JsonGenerator out, SerializationContext context) {
            BomService.PreparedExplosion explosion = body.explosion();
            out.writeStartObject();
            out.writeName("total_cost");
            out.writeNumber(explosion.totalCost());
            out.writeName("total_weight");
            out.writeNumber(explosion.totalWeight());
            out.writeName("leaf_count");
            out.writeNumber(explosion.leafCount());
            switch (body.lines()) {
                case FULL -> {
                    out.writeName(LINES);
                    out.writeStartArray();
                    explosion.lines(line -> full(line, out));
                    out.writeEndArray();
                }
                case COMPACT -> {
                    out.writeName("line_count");
                    out.writeNumber(explosion.lineCount());
                    out.writeName("columns");
                    out.writeStartArray();
                    for (String column : COLUMNS) {
                        out.writeString(column);
                    }
                    out.writeEndArray();
                    out.writeName(LINES);
                    out.writeStartArray();
                    explosion.lines(line -> compact(line, out));
                    out.writeEndArray();
                }
                case NONE -> {
                    out.writeName("line_count");
                    out.writeNumber(explosion.lineCount());
                }
            }
            out.writeEndObject();
        }

        private static void full(ExplodedLine line, JsonGenerator out) {
            out.writeStartObject();
            for (int column = 0; column < NAMES.length; column++) {
                out.writeName(NAMES[column]);
                value(line, column, out);
            }
            out.writeEndObject();
        }

        private static void compact(ExplodedLine line, JsonGenerator out) {
            out.writeStartArray();
            for (int column = 0; column < NAMES.length; column++) {
                value(line, column, out);
            }
            out.writeEndArray();
        }

        private static void value(ExplodedLine line, int column, JsonGenerator out) {
            switch (column) {
                case 0 -> out.writeNumber(line.depth());
                case 1 -> text(line.path(), out);
                case 2 ->
                    text(
                            line.componentType() == null
                                    ? null
                                    : line.componentType().name(),
                            out);
                case 3 ->
                    text(line.componentId() == null ? null : line.componentId().toString(), out);
                case 4 -> text(line.number(), out);
                case 5 -> text(line.name(), out);
                case 6 -> number(line.quantity(), out);
                case 7 -> number(line.extendedQuantity(), out);
                case 8 -> text(line.unit(), out);
                case 9 -> number(line.unitCost(), out);
                case 10 -> number(line.extendedCost(), out);
                case 11 -> number(line.weight(), out);
                case 12 -> text(line.substituteGroup(), out);
                case 13 -> out.writeBoolean(line.substitute());
                default -> throw new IllegalArgumentException("no column " + column);
            }
        }

        private static void text(String value, JsonGenerator out) {
            if (value == null) {
                out.writeNull();
            } else {
                out.writeString(value);
            }
        }

        private static void number(BigDecimal value, JsonGenerator out) {
            if (value == null) {
                out.writeNull();
            } else {
                out.writeNumber(value);
            }
        }
    }
}
