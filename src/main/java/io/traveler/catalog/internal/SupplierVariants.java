package io.traveler.catalog.internal;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface SupplierVariants extends JpaRepository<SupplierVariant, UUID> {
    List<SupplierVariant> findByVariantIdOrderByCreatedAt(UUID variantId);
}
