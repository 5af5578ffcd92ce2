package io.traveler.audit.internal;

import io.traveler.shared.Ids;
import io.traveler.shared.db.PlannerStatistics;
import io.traveler.shared.jpa.BulkAudit;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.shared.web.FieldNames;
import io.traveler.shared.web.RequestIds;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.support.AbstractSqlTypeValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the audit rows of a set-based write in one statement, shaped as {@link AuditListener} writes them: keys in
 * snake case, numbers and booleans as they are, everything else as its text.
 */
@Component
class BulkAuditWriter implements BulkAudit {
    private final JdbcClient jdbc;
    private final PlannerStatistics statistics;
    private final JsonMapper json = JsonMapper.builder().build();

    BulkAuditWriter(JdbcClient jdbc, PlannerStatistics statistics) {
        this.jdbc = jdbc;
        this.statistics = statistics;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String entityType, Action action, List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Tenant tenant = TenantContext.current();
        jdbc.sql("""
                        insert into audit.audit_events (org_id, id, actor_id, actor_kind, entity_type, entity_id, action,
                                                        changes, request_id, at)
                        select :org, e.id, :actor, :actorKind, :type, e.entity_id, :action, cast(e.changes as jsonb),
                               :request, :at
                          from unnest(cast(:ids as uuid[]), cast(:entities as uuid[]), :changes)
                               as e(id, entity_id, changes)
                        """)
                .param("org", tenant.orgId())
                .param("actor", tenant.actorId())
                .param("actorKind", tenant.actorKind().name())
                .param("type", entityType)
                .param("action", action.name())
                .param("request", RequestIds.current().orElse(null))
                .param("at", Timestamp.from(Instant.now()))
                .param(
                        "ids",
                        array("uuid", entries.stream().map(e -> Ids.newId()).toArray()))
                .param(
                        "entities",
                        array("uuid", entries.stream().map(Entry::entityId).toArray()))
                .param(
                        "changes",
                        array(
                                "text",
                                entries.stream().map(e -> payload(e.changes())).toArray()))
                .update();
        statistics.grew("audit.audit_events", entries.size());
    }

    private String payload(Map<String, Object> changes) {
        Map<String, Object> shaped = new LinkedHashMap<>();
        changes.forEach((property, change) -> shaped.put(FieldNames.snake(property), shaped(change)));
        return json.writeValueAsString(shaped);
    }

    private static Object shaped(Object change) {
        if (!(change instanceof Map<?, ?> sides)) {
            return valueOf(change);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        sides.forEach((side, value) -> out.put(String.valueOf(side), valueOf(value)));
        return out;
    }

    private static Object valueOf(Object value) {
        return value == null || value instanceof Number || value instanceof Boolean ? value : value.toString();
    }

    private static SqlParameterValue array(String type, Object[] values) {
        return new SqlParameterValue(Types.ARRAY, new AbstractSqlTypeValue() {
            @Override
            protected Array createTypeValue(Connection con, int sqlType, String typeName) throws SQLException {
                return con.createArrayOf(type, values);
            }
        });
    }
}
