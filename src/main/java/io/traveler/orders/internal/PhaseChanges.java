package io.traveler.orders.internal;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** Phase history of the orders the organization {@code org} may see. */
public interface PhaseChanges extends Repository<PhaseChange, UUID> {
    PhaseChange save(PhaseChange change);

    @Query("""
            select c from PhaseChange c
             where c.orderId = :orderId and (c.orgId = :org or c.brandOrgId = :org)
             order by c.at, c.id""")
    List<PhaseChange> findOfOrder(UUID orderId, UUID org);
}
