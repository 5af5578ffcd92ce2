package io.traveler.catalog.internal;

import io.traveler.shared.jpa.TenantOwned;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.UUID;

/** One component of a bill of materials: a part or a sub-product, how much of it, and how much is wasted. */
@Entity
@Table(schema = "catalog", name = "bom_lines")
public class BomLine extends TenantOwned {
    private UUID bomId;
    private int sequence;

    @Enumerated(EnumType.STRING)
    private Bom.ComponentType componentType;

    private UUID componentId;
    private BigDecimal quantity;
    private String unit;
    private BigDecimal wasteFactor = BigDecimal.ZERO;
    private boolean optional;
    private String substituteGroup;
    private int preference;
    private String notes;
    private String stageName;

    protected BomLine() {}

    public BomLine(UUID bomId, int sequence, BomLines.Line line) {
        this.bomId = bomId;
        this.sequence = sequence;
        this.componentType = line.componentType();
        this.componentId = line.componentId();
        this.quantity = line.quantity();
        this.unit = line.unit();
        this.wasteFactor = line.wasteFactor() == null ? BigDecimal.ZERO : line.wasteFactor();
        this.optional = Boolean.TRUE.equals(line.optional());
        this.substituteGroup = line.substituteGroup();
        this.preference = line.preference() == null ? 0 : line.preference();
        this.notes = line.notes();
        this.stageName = line.stageName() == null || line.stageName().isBlank()
                ? null
                : line.stageName().trim();
    }

    public BomLines.Line line() {
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

    public UUID bomId() {
        return bomId;
    }

    public int sequence() {
        return sequence;
    }
}
