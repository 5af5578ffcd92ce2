package io.traveler.orders.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Tenants;
import io.traveler.testing.Tenants.Member;
import java.math.BigDecimal;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Row-level security of the orders tables, checked in SQL on the application's own connections (the app role,
 * {@code app.org_id} set by the transaction manager for the tenant): the factory that fulfils a purchase order, the
 * brand that placed it, and a stranger — another brand partnered with the same factory. Whatever the Java code
 * asks, the database admits only these rows. Every statement runs in a transaction that is rolled back.
 */
@ApplicationTest
class OrdersRowSecurityTests {
    @Autowired
    ApplicationContext context;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PhaseTransitions transitions;

    Member factory;
    Member brand;
    Member stranger;
    Order draft;
    Order accepted;
    Order own;
    UUID line;

    @BeforeEach
    void purchaseOrdersBetweenPartners() {
        var tenants = Tenants.in(context);
        var fixtures = TransitionFixtures.of(context);
        factory = tenants.organization("FACTORY");
        brand = tenants.organization("BRAND");
        stranger = tenants.organization("BRAND");
        fixtures.partners(brand, factory);
        fixtures.partners(stranger, factory);
        draft = fixtures.purchaseOrder(brand, factory);
        accepted = fixtures.purchaseOrder(brand, factory);
        factory.run(() -> transitions.acceptPurchaseOrder(accepted.id(), ExpectedVersion.none()));
        own = fixtures.customerOrder(factory, fixtures.customer(factory, null, null), BigDecimal.ONE);
        line = UUID.randomUUID();
        factory.run(() -> transactions.executeWithoutResult(tx -> {
            jdbc.sql("""
                            insert into orders.order_lines (org_id, id, order_id, brand_org_id, line_no, product_id, sku,
                                name, quantity, unit_price, line_total, created_at, updated_at)
                            values (?, ?, ?, ?, 1, ?, 'SKU-1', 'Daypack', 2, 5, 10, now(), now())""")
                    .params(factory.orgId(), line, accepted.id(), brand.orgId(), UUID.randomUUID())
                    .update();
            jdbc.sql("insert into orders.order_internals (org_id, order_id, internal_notes, estimated_cost)"
                            + " values (?, ?, 'margin is thin', 7)")
                    .params(factory.orgId(), accepted.id())
                    .update();
            jdbc.sql("insert into orders.phase_rules (org_id, from_phase, to_phase, disabled)"
                            + " values (?, 'PACKAGING', 'SHIPPING', true)")
                    .param(factory.orgId())
                    .update();
        }));
    }

    @Test
    void theFactoryReadsAllOfItsRowsTheBrandItsPurchaseOrdersButNotTheInternalsAndAStrangerNothing() {
        assertThat(count(factory, "orders", "id", accepted.id())).isOne();
        assertThat(count(factory, "orders", "id", own.id())).isOne();
        assertThat(count(factory, "order_lines", "order_id", accepted.id())).isOne();
        assertThat(count(factory, "phase_changes", "order_id", accepted.id())).isEqualTo(2);
        assertThat(count(factory, "order_internals", "order_id", accepted.id())).isOne();
        assertThat(count(factory, "phase_rules", "org_id", factory.orgId())).isOne();

        assertThat(count(brand, "orders", "id", accepted.id())).isOne();
        assertThat(count(brand, "orders", "id", own.id())).isZero();
        assertThat(count(brand, "order_lines", "order_id", accepted.id())).isOne();
        assertThat(count(brand, "phase_changes", "order_id", accepted.id())).isEqualTo(2);
        assertThat(count(brand, "phase_changes", "order_id", own.id())).isZero();
        assertThat(count(brand, "order_internals", "order_id", accepted.id())).isZero();
        assertThat(count(brand, "phase_rules", "org_id", factory.orgId())).isZero();

        for (String table : new String[] {"orders", "order_lines", "phase_changes", "order_internals"}) {
            String column = table.equals("orders") ? "id" : "order_id";
            assertThat(count(stranger, table, column, accepted.id())).as(table).isZero();
            assertThat(count(stranger, table, column, own.id())).as(table).isZero();
        }
        assertThat(count(stranger, "phase_rules", "org_id", factory.orgId())).isZero();
    }

    @Test
    void theBrandPlacesOnlyDraftsWithItsPartnersAndWritesNothingElse() {
        assertThat(write(brand, j -> insertOrder(j, factory.orgId(), brand.orgId(), "DRAFT")))
                .isOne();
        refused(brand, j -> insertOrder(j, factory.orgId(), brand.orgId(), "CONFIGURATION"));
        UUID notAPartner = Tenants.in(context).organization("FACTORY").orgId();
        refused(brand, j -> insertOrder(j, notAPartner, brand.orgId(), "DRAFT"));
        refused(stranger, j -> insertOrder(j, factory.orgId(), brand.orgId(), "DRAFT"));

        assertThat(write(brand, j -> insertLine(j, draft.id(), brand.orgId()))).isOne();
        refused(brand, j -> insertLine(j, accepted.id(), brand.orgId()));
        refused(stranger, j -> insertLine(j, draft.id(), brand.orgId()));
        refused(stranger, j -> insertLine(j, draft.id(), stranger.orgId()));

        refused(brand, j -> j.sql("insert into orders.order_internals (org_id, order_id, internal_notes)"
                        + " values (?, ?, 'peek')")
                .params(factory.orgId(), draft.id())
                .update());
        refused(brand, j -> j.sql("insert into orders.phase_rules (org_id, from_phase, to_phase, disabled)"
                        + " values (?, 'DRAFT', 'CONFIGURATION', true)")
                .param(factory.orgId())
                .update());

        assertThat(write(brand, j -> insertChange(j, draft.id(), brand.orgId())))
                .isOne();
        refused(stranger, j -> insertChange(j, draft.id(), brand.orgId()));
        refused(stranger, j -> insertChange(j, draft.id(), stranger.orgId()));
    }

    @Test
    void theBrandCancelsItsDraftAndChangesNothingElse() {
        assertThat(update(brand, "update orders.orders set phase = 'CANCELLED' where id = ?", draft.id()))
                .isOne();
        refused(brand, j -> j.sql("update orders.orders set phase = 'CONFIGURATION' where id = ?")
                .param(draft.id())
                .update());
        assertThat(update(brand, "update orders.orders set phase = 'CANCELLED' where id = ?", accepted.id()))
                .isZero();
        assertThat(update(brand, "update orders.orders set special_instructions = 'x' where id = ?", accepted.id()))
                .isZero();
        assertThat(update(brand, "delete from orders.orders where id = ?", draft.id()))
                .isZero();
        assertThat(update(brand, "update orders.order_lines set quantity = 1, line_total = 5 where id = ?", line))
                .isZero();
        assertThat(update(brand, "update orders.phase_changes set reason = 'rewritten' where order_id = ?", draft.id()))
                .isZero();
        assertThat(update(
                        brand,
                        "update orders.order_internals set internal_notes = 'x' where order_id = ?",
                        accepted.id()))
                .isZero();

        for (UUID id : new UUID[] {draft.id(), accepted.id(), own.id()}) {
            assertThat(update(stranger, "update orders.orders set phase = 'CANCELLED' where id = ?", id))
                    .isZero();
            assertThat(update(stranger, "delete from orders.phase_changes where order_id = ?", id))
                    .isZero();
        }
        assertThat(update(stranger, "update orders.order_lines set name = 'x' where id = ?", line))
                .isZero();

        assertThat(update(
                        factory,
                        "update orders.order_internals set internal_notes = 'x' where order_id = ?",
                        accepted.id()))
                .isOne();
        assertThat(update(factory, "update orders.orders set special_instructions = 'x' where id = ?", accepted.id()))
                .isOne();
    }

    private long count(Member member, String table, String column, UUID id) {
        return as(member, j -> j.sql("select count(*) from orders." + table + " where " + column + " = ?")
                .param(id)
                .query(Long.class)
                .single());
    }

    private int update(Member member, String sql, UUID id) {
        return as(member, j -> j.sql(sql).param(id).update());
    }

    private <T> T as(Member member, Function<JdbcClient, T> work) {
        return member.call(() -> transactions.execute(tx -> {
            tx.setRollbackOnly();
            return work.apply(jdbc);
        }));
    }

    private int write(Member member, Function<JdbcClient, Integer> work) {
        return as(member, work);
    }

    private void refused(Member member, Function<JdbcClient, ?> work) {
        assertThatThrownBy(() -> as(member, work))
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("row-level security");
    }

    private static int insertOrder(JdbcClient j, UUID factoryOrgId, UUID brandOrgId, String phase) {
        return j.sql("""
                        insert into orders.orders (org_id, id, placed_by_org_id, code, brand_org_id, party_name, type,
                            priority, phase, phase_entered_at, ordered_on, currency, created_at, updated_at)
                        values (?, ?, ?, ?, ?, 'Brand', 'STANDARD', 'NORMAL', ?, now(), current_date, 'EUR', now(), now())""")
                .params(factoryOrgId, UUID.randomUUID(), brandOrgId, "RLS-" + UUID.randomUUID(), brandOrgId, phase)
                .update();
    }

    private int insertLine(JdbcClient j, UUID orderId, UUID brandOrgId) {
        return j.sql("""
                        insert into orders.order_lines (org_id, id, order_id, brand_org_id, line_no, product_id, sku,
                            name, quantity, unit_price, line_total, created_at, updated_at)
                        values (?, ?, ?, ?, 9, ?, 'SKU-9', 'Tote', 1, 1, 1, now(), now())""")
                .params(factory.orgId(), UUID.randomUUID(), orderId, brandOrgId, UUID.randomUUID())
                .update();
    }

    private int insertChange(JdbcClient j, UUID orderId, UUID brandOrgId) {
        return j.sql("""
                        insert into orders.phase_changes (org_id, id, order_id, brand_org_id, from_phase, to_phase, at,
                            time_in_phase)
                        values (?, ?, ?, ?, 'DRAFT', 'CANCELLED', now(), interval '1 second')""")
                .params(factory.orgId(), UUID.randomUUID(), orderId, brandOrgId)
                .update();
    }
}
