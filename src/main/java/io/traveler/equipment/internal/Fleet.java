package io.traveler.equipment.internal;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

/** The organization's equipment. */
public interface Fleet extends JpaRepository<Equipment, UUID> {
    Optional<Equipment> findByCode(String code);

    boolean existsByCode(String code);
}
