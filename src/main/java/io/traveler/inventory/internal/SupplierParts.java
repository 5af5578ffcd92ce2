package io.traveler.inventory.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface SupplierParts extends JpaRepository<SupplierPart, UUID> {
    List<SupplierPart> findBySupplierIdOrderByCreatedAt(UUID supplierId);

    List<SupplierPart> findByPartIdIn(Collection<UUID> partIds);

    Optional<SupplierPart> findBySupplierIdAndPartId(UUID supplierId, UUID partId);
}
