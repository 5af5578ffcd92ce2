package io.traveler.orders.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** The lines of orders the organization {@code org} may see (as fulfiller or as the brand). */
public interface OrderLines extends Repository<OrderLine, UUID> {
    OrderLine save(OrderLine line);

    void delete(OrderLine line);

    @Query("""
            select l from OrderLine l
             where l.orderId = :orderId and (l.orgId = :org or l.brandOrgId = :org)
             order by l.lineNo""")
    List<OrderLine> findOfOrder(UUID orderId, UUID org);

    /** A line of an order the organization fulfils. */
    @Query("select l from OrderLine l where l.id = :id and l.orgId = :org")
    Optional<OrderLine> findOwned(UUID id, UUID org);
}
