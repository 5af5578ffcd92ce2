package io.traveler.inventory;

import io.traveler.inventory.internal.Ledger;
import io.traveler.shared.Ids;
import io.traveler.testing.Tenants;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Parts and locations of one organization written directly, and stock received through the ledger, as a member. */
public record StockFixtures(Tenants.Member member, JdbcClient jdbc, TransactionTemplate transactions, Ledger ledger) {
    public static StockFixtures of(ApplicationContext context, Tenants.Member member) {
        return new StockFixtures(
                member,
                context.getBean(JdbcClient.class),
                context.getBean(TransactionTemplate.class),
                context.getBean(Ledger.class));
    }

    public UUID part(String number, String unitCost) {
        UUID id = Ids.newId();
        member.run(() -> transactions.executeWithoutResult(s -> jdbc.sql("""
                        insert into catalog.parts (org_id, id, part_number, name, kind, unit_of_measure, unit_cost,
                                status, created_at, updated_at)
                        values (:org, :id, :number, :name, 'MATERIAL', 'm', :cost, 'ACTIVE', now(), now())
                        """)
                .param("org", member.orgId())
                .param("id", id)
                .param("number", number)
                .param("name", "Part " + number)
                .param("cost", new BigDecimal(unitCost))
                .update()));
        return id;
    }

    public UUID location(String code) {
        UUID id = Ids.newId();
        member.run(() -> transactions.executeWithoutResult(s -> jdbc.sql("""
                        insert into accounts.locations (org_id, id, code, name, kind, parent_id, created_at, updated_at)
                        values (:org, :id, :code, :name, 'SITE', null, now(), now())
                        """)
                .param("org", member.orgId())
                .param("id", id)
                .param("code", code)
                .param("name", "Location " + code)
                .update()));
        return id;
    }

    public Ledger.Posted receive(UUID part, UUID location, String quantity, String lot, String unitCost) {
        return member.call(() -> transactions.execute(s -> ledger.receive(new Ledger.Receipt(
                part, location, new BigDecimal(quantity), lot, new BigDecimal(unitCost), null, null, null))));
    }

    /** The on hand of a lot at a location, as the balances say. */
    public BigDecimal onHand(UUID lot, UUID location) {
        return member.call(() -> transactions.execute(s -> jdbc.sql("""
                        select coalesce(sum(on_hand), 0) from inventory.balances
                         where org_id = :org and lot_id = :lot and location_id = :location
                        """)
                .param("org", member.orgId())
                .param("lot", lot)
                .param("location", location)
                .query(BigDecimal.class)
                .single()));
    }

    /** The movements that name a reference: kind, lot, from, to, quantity, reason. */
    public List<List<Object>> movementsOf(UUID reference) {
        return member.call(() -> transactions.execute(s -> jdbc.sql("""
                        select kind, lot_id, from_location_id, to_location_id, quantity, reason, reference_type
                          from inventory.movements where org_id = :org and reference_id = :ref order by seq
                        """)
                .param("org", member.orgId())
                .param("ref", reference)
                .query((rs, n) -> List.<Object>of(
                        rs.getString("kind"),
                        String.valueOf(rs.getObject("lot_id")),
                        String.valueOf(rs.getObject("from_location_id")),
                        String.valueOf(rs.getObject("to_location_id")),
                        rs.getBigDecimal("quantity").stripTrailingZeros().toPlainString(),
                        String.valueOf(rs.getString("reason")),
                        rs.getString("reference_type")))
                .list()));
    }

    /** How many movements the organization's ledger holds. */
    public long movementsCount() {
        return member.call(
                () -> transactions.execute(s -> jdbc.sql("select count(*) from inventory.movements where org_id = :org")
                        .param("org", member.orgId())
                        .query(Long.class)
                        .single()));
    }
}
