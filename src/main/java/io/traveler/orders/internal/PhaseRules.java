package io.traveler.orders.internal;

import io.traveler.orders.OrderPhase;
import io.traveler.orders.internal.PhaseTable.Rule;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The organization's rows of {@code orders.phase_rules}; row-level security keeps them to the current tenant. */
@Component
class PhaseRules {
    static final Comparator<Rule> ORDER = Comparator.comparing(Rule::from).thenComparing(Rule::to);

    private final JdbcClient jdbc;

    PhaseRules(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Rule> of(UUID orgId) {
        return jdbc
                .sql("""
                        select from_phase, to_phase, disabled, required_permission from orders.phase_rules
                         where org_id = ?""")
                .param(orgId)
                .query((rs, n) -> new Rule(
                        OrderPhase.valueOf(rs.getString(1)),
                        OrderPhase.valueOf(rs.getString(2)),
                        rs.getBoolean(3),
                        rs.getString(4)))
                .list()
                .stream()
                .sorted(ORDER)
                .toList();
    }

    /** Serializes changes of one organization's rules until the transaction ends. */
    void lock(UUID orgId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('orders.phase_rules:' || ?, 0))")
                .param(orgId.toString())
                .query()
                .singleRow();
    }

    void replace(UUID orgId, List<Rule> rules) {
        jdbc.sql("delete from orders.phase_rules where org_id = ?").param(orgId).update();
        for (Rule rule : rules) {
            jdbc.sql("""
                            insert into orders.phase_rules (org_id, from_phase, to_phase, disabled, required_permission)
                            values (?, ?, ?, ?, ?)""")
                    .params(orgId, rule.from().name(), rule.to().name(), rule.disabled(), rule.requiredPermission())
                    .update();
        }
    }
}
