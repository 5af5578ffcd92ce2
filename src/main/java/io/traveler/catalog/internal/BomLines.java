package io.traveler.catalog.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface BomLines extends JpaRepository<BomLine, UUID> {
    /** What a line holds, as callers send and receive it. */
    record Line(
            Bom.ComponentType componentType,
            UUID componentId,
            BigDecimal quantity,
            String unit,
            BigDecimal wasteFactor,
            Boolean optional,
            String substituteGroup,
            Integer preference,
            String notes) {}

    List<BomLine> findByBomIdOrderBySequence(UUID bomId);

    /** Deletes at once, before the replacement lines are inserted under the same sequence numbers. */
    @Modifying(flushAutomatically = true, clearAutomatically = false)
    @Query("delete from BomLine l where l.bomId = :bomId")
    void deleteByBomId(UUID bomId);
}
