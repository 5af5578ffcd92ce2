package io.traveler.orders.internal;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/**
 * Orders as one organization may see them: its own, and the purchase orders it placed as a brand. No method reads
 * without naming that organization ({@code org}); row-level security admits the same rows.
 */
public interface Orders extends Repository<Order, UUID> {
    Order save(Order order);

    Order saveAndFlush(Order order);

    void delete(Order order);

    @Query("select o from Order o where o.id = :id and (o.orgId = :org or o.brandOrgId = :org)")
    Optional<Order> findVisible(UUID id, UUID org);

    /** An order the organization fulfils, locked for a phase change or an edit. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select o from Order o where o.id = :id and o.orgId = :org")
    Optional<Order> lockOwned(UUID id, UUID org);
}
