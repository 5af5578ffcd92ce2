package io.traveler.orders.internal;

import io.traveler.orders.OrderPhase;
import io.traveler.shared.tenancy.TenantContext;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The board of the organization's own orders: one column per phase of the production line and one for orders on
 * hold, each holding its most urgent cards first. Cancelled orders leave the board, delivered ones after a month.
 */
@Component
public class OrderBoard {
    /** Cards a column shows at most; the column's count says how many there are, its link lists them all. */
    public static final int CARDS_PER_COLUMN = 50;

    /** Delivered orders stay on the board this many days. */
    static final int DELIVERED_DAYS = 30;

    public static final List<OrderPhase> COLUMNS = List.of(
            OrderPhase.DRAFT,
            OrderPhase.CONFIGURATION,
            OrderPhase.APPROVAL,
            OrderPhase.PRODUCTION,
            OrderPhase.QUALITY_CONTROL,
            OrderPhase.PACKAGING,
            OrderPhase.SHIPPING,
            OrderPhase.DELIVERED,
            OrderPhase.ON_HOLD);

    public record Card(
            UUID id,
            String code,
            String partyName,
            BigDecimal total,
            String currency,
            Order.Priority priority,
            OrderPhase phase,
            OrderPhase heldFrom,
            boolean purchaseOrder) {}

    public record Column(OrderPhase phase, long count, List<Card> cards) {}

    private final JdbcClient jdbc;
    private final PhaseRules rules;

    OrderBoard(JdbcClient jdbc, PhaseRules rules) {
        this.jdbc = jdbc;
        this.rules = rules;
    }

    /** The organization's transition table, which the cards' buttons follow. */
    @Transactional(readOnly = true)
    public PhaseTable table() {
        return new PhaseTable(rules.of(TenantContext.requireOrgId()));
    }

    /** Every column, in line order, in one query. */
    @Transactional(readOnly = true)
    public List<Column> columns() {
        Map<OrderPhase, List<Card>> cards = new EnumMap<>(OrderPhase.class);
        Map<OrderPhase, Long> counts = new EnumMap<>(OrderPhase.class);
        jdbc.sql("""
                        select id, code, party_name, total, currency, priority, phase, held_from_phase, brand_org_id,
                               in_phase
                          from (select o.*,
                                       row_number() over (partition by phase
                                           order by case priority when 'URGENT' then 0 when 'HIGH' then 1
                                                                  when 'NORMAL' then 2 else 3 end,
                                                    phase_entered_at, id) as place,
                                       count(*) over (partition by phase) as in_phase
                                  from orders.orders o
                                 where o.org_id = :org and o.phase <> 'CANCELLED'
                                   and (o.phase <> 'DELIVERED' or o.delivered_on >= current_date - :days)) ranked
                         where place <= :per
                         order by place
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("days", DELIVERED_DAYS)
                .param("per", CARDS_PER_COLUMN)
                .query((rs, n) -> {
                    var phase = OrderPhase.valueOf(rs.getString("phase"));
                    String held = rs.getString("held_from_phase");
                    counts.put(phase, rs.getLong("in_phase"));
                    return new Card(
                            rs.getObject("id", UUID.class),
                            rs.getString("code"),
                            rs.getString("party_name"),
                            rs.getBigDecimal("total"),
                            rs.getString("currency"),
                            Order.Priority.valueOf(rs.getString("priority")),
                            phase,
                            held == null ? null : OrderPhase.valueOf(held),
                            rs.getObject("brand_org_id") != null);
                })
                .list()
                .forEach(card -> cards.computeIfAbsent(card.phase(), p -> new java.util.ArrayList<>())
                        .add(card));
        return COLUMNS.stream()
                .map(phase -> new Column(phase, counts.getOrDefault(phase, 0L), cards.getOrDefault(phase, List.of())))
                .toList();
    }
}
