package io.traveler.catalog.internal;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface Products extends JpaRepository<Product, UUID> {
    /** The product row locked, so activations of its BOMs happen one after another. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from Product p where p.id = :id")
    Optional<Product> findLocked(UUID id);

    boolean existsBySku(String sku);
}
