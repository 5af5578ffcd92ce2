package io.traveler.equipment.internal;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** The organization's equipment. */
public interface Fleet extends JpaRepository<Equipment, UUID> {
    Optional<Equipment> findByCode(String code);

    boolean existsByCode(String code);

    /** The equipment with its row locked: its meter and plans change one change at a time. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select e from Equipment e where e.id = :id")
    Optional<Equipment> lockById(@Param("id") UUID id);
}
