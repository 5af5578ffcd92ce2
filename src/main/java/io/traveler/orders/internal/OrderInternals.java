package io.traveler.orders.internal;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** The internals of the orders the organization {@code org} fulfils; a brand never reads them. */
public interface OrderInternals extends Repository<OrderInternal, UUID> {
    OrderInternal save(OrderInternal internal);

    @Query("select i from OrderInternal i where i.orderId = :orderId and i.orgId = :org")
    Optional<OrderInternal> findOwned(UUID orderId, UUID org);
}
