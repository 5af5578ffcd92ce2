package io.traveler.orders.internal;

import io.traveler.orders.OrderPhase;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.TimeCursor;
import io.traveler.shared.tenancy.TenantContext;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Purchase orders as the two sides of a partnership list them: the factory's inbox of DRAFT purchase orders
 * addressed to it, and the brand's own purchase orders, newest first. Neither reads anything but the order row.
 */
@Component
public class PurchaseOrderViews {
    /** DRAFT purchase orders the inbox shows at most, oldest first (they have waited longest). */
    public static final int INBOX_SIZE = 200;

    /** A purchase order as a list row; {@code partner} is the other side: the brand in the inbox, the factory else. */
    public record Row(
            UUID id,
            String code,
            String partner,
            OrderPhase phase,
            Order.Priority priority,
            BigDecimal total,
            String currency,
            LocalDate orderedOn,
            LocalDate requestedOn,
            Instant createdAt) {
        Row from(String partner) {
            return new Row(id, code, partner, phase, priority, total, currency, orderedOn, requestedOn, createdAt);
        }
    }

    private static final String COLUMNS = """
            select id, code, org_id, party_name, phase, priority, total, currency, ordered_on, requested_on,
                   created_at from orders.orders
            """;

    private final JdbcClient jdbc;
    private final Partners partners;

    PurchaseOrderViews(JdbcClient jdbc, Partners partners) {
        this.jdbc = jdbc;
        this.partners = partners;
    }

    /** The DRAFT purchase orders brands addressed to the current organization. */
    @Transactional(readOnly = true)
    public List<Row> inbox() {
        return jdbc.sql(COLUMNS + """
                         where org_id = :org and brand_org_id is not null and phase = 'DRAFT'
                         order by created_at, id
                         limit :limit""")
                .param("org", TenantContext.requireOrgId())
                .param("limit", INBOX_SIZE)
                .query((rs, n) -> row(rs, rs.getString("party_name")))
                .list();
    }

    /** The purchase orders the current organization placed as a brand, newest first, a page after {@code cursor}. */
    @Transactional(readOnly = true)
    public ItemList<Row> sent(String cursor, int limit) {
        TimeCursor after = TimeCursor.parse(cursor);
        Map<UUID, String> factories = new HashMap<>();
        List<Row> rows = jdbc
                .sql(COLUMNS + """
                         where brand_org_id = :org
                           and (cast(:afterAt as timestamptz) is null or (created_at, id) < (:afterAt, :afterId))
                         order by created_at desc, id desc
                         limit :limit""")
                .param("org", TenantContext.requireOrgId())
                .param("afterAt", TimeCursor.timeOf(after))
                .param("afterId", TimeCursor.idOf(after))
                .param("limit", limit + 1)
                .query((rs, n) -> row(rs, rs.getString("org_id")))
                .list()
                .stream()
                .map(row -> row.from(factories.computeIfAbsent(UUID.fromString(row.partner()), partners::nameOf)))
                .toList();
        return TimeCursor.page(rows, limit, row -> new TimeCursor(row.createdAt(), row.id()));
    }

    private static Row row(ResultSet rs, String partner) throws SQLException {
        var requested = rs.getDate("requested_on");
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getString("code"),
                partner,
                OrderPhase.valueOf(rs.getString("phase")),
                Order.Priority.valueOf(rs.getString("priority")),
                rs.getBigDecimal("total"),
                rs.getString("currency"),
                rs.getDate("ordered_on").toLocalDate(),
                requested == null ? null : requested.toLocalDate(),
                rs.getTimestamp("created_at").toInstant());
    }
}
