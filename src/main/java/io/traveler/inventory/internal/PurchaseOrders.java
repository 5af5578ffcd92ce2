package io.traveler.inventory.internal;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface PurchaseOrders extends JpaRepository<PurchaseOrder, UUID> {
    /** Receipts of one order take turns on its row. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from PurchaseOrder p where p.id = :id")
    Optional<PurchaseOrder> findForUpdate(UUID id);

    boolean existsBySupplierId(UUID supplierId);
}
