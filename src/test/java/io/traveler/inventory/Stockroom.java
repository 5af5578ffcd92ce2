package io.traveler.inventory;

import io.traveler.accounts.internal.Location;
import io.traveler.accounts.internal.LocationService;
import io.traveler.catalog.internal.CatalogService;
import io.traveler.catalog.internal.Part;
import io.traveler.inventory.internal.Ledger;
import io.traveler.testing.Tenants;
import java.math.BigDecimal;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** An organization's stockroom for tests: its parts and locations made through the services, its ledger at hand. */
public final class Stockroom {
    private final Tenants.Member member;
    private final CatalogService catalog;
    private final LocationService locations;
    private final Ledger ledger;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private UUID site;

    public Stockroom(ApplicationContext context, Tenants.Member member) {
        this.member = member;
        this.catalog = context.getBean(CatalogService.class);
        this.locations = context.getBean(LocationService.class);
        this.ledger = context.getBean(Ledger.class);
        this.jdbc = context.getBean(JdbcClient.class);
        this.transactions = context.getBean(TransactionTemplate.class);
    }

    public Tenants.Member member() {
        return member;
    }

    public UUID part(String standardCost) {
        String number = "P-" + UUID.randomUUID().toString().substring(0, 8);
        return as(() -> catalog.createPart(new CatalogService.PartData(
                        number,
                        "Part " + number,
                        null,
                        Part.Kind.MATERIAL,
                        "pcs",
                        new BigDecimal(standardCost),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        Part.Status.ACTIVE,
                        null,
                        Set.of()))
                .id());
    }

    /** A new area under the organization's test site. */
    public UUID location() {
        return as(() -> {
            if (site == null) {
                site = locations
                        .create("S-" + UUID.randomUUID().toString().substring(0, 6), "Site", Location.Kind.SITE, null)
                        .id();
            }
            return locations
                    .create("A-" + UUID.randomUUID().toString().substring(0, 8), "Area", Location.Kind.AREA, site)
                    .id();
        });
    }

    public <T> T as(Supplier<T> work) {
        return member.call(work);
    }

    public <T> T ledger(java.util.function.Function<Ledger, T> work) {
        return member.call(() -> work.apply(ledger));
    }

    public Ledger.Posted receive(UUID part, UUID location, String quantity, String unitCost) {
        return ledger(l -> l.receive(new Ledger.Receipt(
                part, location, new BigDecimal(quantity), null, new BigDecimal(unitCost), null, null, null)));
    }

    /** Reads in a transaction of this organization. */
    public <T> T read(java.util.function.Function<JdbcClient, T> query) {
        return member.call(() -> transactions.execute(status -> query.apply(jdbc)));
    }

    public BigDecimal onHand(UUID part, UUID location) {
        return read(jdbc -> jdbc.sql("""
                        select coalesce(sum(on_hand), 0) from inventory.balances
                         where part_id = :part and location_id = :location""")
                .param("part", part)
                .param("location", location)
                .query(BigDecimal.class)
                .single());
    }

    /** The part's on hand as the ledger sums it (into a location less out of it), over every location. */
    public BigDecimal ledgerOnHand(UUID part) {
        return read(jdbc ->
                jdbc.sql("""
                        select coalesce(sum(case when to_location_id is not null then quantity else 0 end
                                          - case when from_location_id is not null then quantity else 0 end), 0)
                          from inventory.movements
                         where part_id = :part and kind not in ('RESERVE', 'RELEASE')""").param("part", part).query(BigDecimal.class).single());
    }

    /** The part's totals row: on_hand, reserved, average_cost, low (zeros before its first movement). */
    public record Totals(BigDecimal onHand, BigDecimal reserved, BigDecimal averageCost, boolean low) {}

    public Totals totals(UUID part) {
        return read(jdbc -> jdbc.sql("""
                        select on_hand, reserved, average_cost, low from inventory.part_stock where part_id = :part""")
                .param("part", part)
                .query(Totals.class)
                .optional()
                .orElse(new Totals(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, false)));
    }

    public long count(String sql, Object... params) {
        return read(jdbc -> {
            var statement = jdbc.sql(sql);
            for (Object param : params) {
                statement = statement.param(param);
            }
            return statement.query(Long.class).single();
        });
    }

    public void execute(String sql, Object... params) {
        read(jdbc -> {
            var statement = jdbc.sql(sql);
            for (Object param : params) {
                statement = statement.param(param);
            }
            return statement.update();
        });
    }
}
