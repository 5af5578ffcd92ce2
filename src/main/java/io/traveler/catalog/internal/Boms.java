package io.traveler.catalog.internal;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface Boms extends JpaRepository<Bom, UUID> {
    List<Bom> findByProductIdOrderByNumberDesc(UUID productId);

    Optional<Bom> findByProductIdAndStatus(UUID productId, Bom.Status status);

    @Query("select coalesce(max(b.number), 0) from Bom b where b.productId = :productId")
    int lastNumberOf(UUID productId);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select b from Bom b where b.id = :id")
    Optional<Bom> findLocked(UUID id);
}
