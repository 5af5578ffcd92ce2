package io.traveler.catalog.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface BomLines extends JpaRepository<BomLine, UUID> {
    /**
     * What a line holds, as callers send and receive it. {@code stageName} names the workflow stage that consumes
     * the line (null: the first stage).
     */
    record Line(
            Bom.ComponentType componentType,
            UUID componentId,
            BigDecimal quantity,
            String unit,
            BigDecimal wasteFactor,
            Boolean optional,
            String substituteGroup,
            Integer preference,
            String notes,
            String stageName) {
        /** A line consumed by the first stage of the workflow (no stage named). */
        public Line(
                Bom.ComponentType componentType,
                UUID componentId,
                BigDecimal quantity,
                String unit,
                BigDecimal wasteFactor,
                Boolean optional,
                String substituteGroup,
                Integer preference,
                String notes) {
            this(
                    componentType,
                    componentId,
                    quantity,
                    unit,
                    wasteFactor,
                    optional,
                    substituteGroup,
                    preference,
                    notes,
                    null);
        }
    }

    List<BomLine> findByBomIdOrderBySequence(UUID bomId);

    /**
     * Deletes a BOM's lines as entities, so the audit trail records each deletion (a bulk {@code delete} would
     * bypass it), and flushes at once: the replacement lines reuse the sequence numbers and Hibernate would
     * otherwise insert them before deleting these.
     */
    default void deleteLinesOf(UUID bomId) {
        deleteAll(findByBomIdOrderBySequence(bomId));
        flush();
    }
}
