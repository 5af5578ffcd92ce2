package io.traveler.inventory.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface Suppliers extends JpaRepository<Supplier, UUID> {
    Optional<Supplier> findByCode(String code);

    List<Supplier> findByActiveTrueOrderByName();
}
