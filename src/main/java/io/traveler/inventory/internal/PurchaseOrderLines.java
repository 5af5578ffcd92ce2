package io.traveler.inventory.internal;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PurchaseOrderLines extends JpaRepository<PurchaseOrderLine, UUID> {
    List<PurchaseOrderLine> findByPurchaseOrderIdOrderByLineNo(UUID purchaseOrderId);

    List<PurchaseOrderLine> findByPurchaseOrderIdInOrderByLineNo(Collection<UUID> purchaseOrderIds);
}
