package io.traveler.catalog.web;

import io.traveler.catalog.internal.Bom;
import io.traveler.catalog.internal.BomLines;
import io.traveler.catalog.internal.BomService;
import io.traveler.shared.Quantity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The JSON of bills of materials and their lines, shared by the product and BOM endpoints. */
final class BomViews {
    private BomViews() {}

    record LineBody(
            @NotNull Bom.ComponentType componentType,
            @NotNull UUID componentId,

            @NotNull @DecimalMin(value = "0", inclusive = false) @Quantity
            BigDecimal quantity,

            @Size(max = 20) String unit,
            @DecimalMin("0") @Quantity BigDecimal wasteFactor,
            Boolean optional,
            @Size(max = 100) String substituteGroup,
            Integer preference,
            @Size(max = 2000) String notes,
            @Size(max = 100) String stageName) {
        BomLines.Line line() {
            return new BomLines.Line(
                    componentType,
                    componentId,
                    quantity,
                    unit,
                    wasteFactor,
                    optional,
                    substituteGroup,
                    preference,
                    notes,
                    stageName);
        }
    }

    record LinesBody(
            @NotNull @Size(max = 1000) List<@Valid @NotNull LineBody> lines,
            @Size(max = 4000) String notes) {
        List<BomLines.Line> toLines() {
            return lines.stream().map(LineBody::line).toList();
        }
    }

    record BomView(
            UUID id,
            UUID productId,
            int number,
            Bom.Status status,
            Bom.Kind kind,
            UUID configurationId,
            UUID parentBomId,
            String notes,
            List<BomLines.Line> lines,
            Instant createdAt,
            Instant updatedAt) {
        static BomView of(BomService.BomWithLines b) {
            var x = b.bom();
            return new BomView(
                    x.id(),
                    x.productId(),
                    x.number(),
                    x.status(),
                    x.kind(),
                    x.configurationId(),
                    x.parentBomId(),
                    x.notes(),
                    b.lines(),
                    x.createdAt(),
                    x.updatedAt());
        }
    }

    record BomSummary(
            UUID id,
            int number,
            Bom.Status status,
            Bom.Kind kind,
            UUID configurationId,
            UUID parentBomId,
            Instant createdAt,
            Instant updatedAt) {
        static BomSummary of(Bom b) {
            return new BomSummary(
                    b.id(),
                    b.number(),
                    b.status(),
                    b.kind(),
                    b.configurationId(),
                    b.parentBomId(),
                    b.createdAt(),
                    b.updatedAt());
        }
    }
}
