package io.traveler.audit.internal;

import io.traveler.audit.AuditTrail;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.TimeCursor;
import io.traveler.shared.tenancy.TenantContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads the audit trail newest first, keyset-paged on (at, id); row-level security scopes it. */
@Service
public class AuditQueries implements AuditTrail {
    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    AuditQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Filter(String entityType, UUID entityId, UUID actorId, Instant from, Instant to) {}

    @Transactional(readOnly = true)
    public ItemList<Entry> find(Filter filter, int limit, String cursor) {
        TimeCursor after = TimeCursor.parse(cursor);
        List<Entry> rows = jdbc.sql("""
                        select id, actor_id, actor_kind, entity_type, entity_id, action, changes::text, request_id, at
                          from audit.audit_events
                         where org_id = :org
                           and (cast(:entityType as text) is null or entity_type = :entityType)
                           and (cast(:entityId as uuid) is null or entity_id = :entityId)
                           and (cast(:actorId as uuid) is null or actor_id = :actorId)
                           and (cast(:from as timestamptz) is null or at >= :from)
                           and (cast(:to as timestamptz) is null or at < :to)
                           and (cast(:afterAt as timestamptz) is null or (at, id) < (:afterAt, :afterId))
                         order by at desc, id desc
                         limit :limit
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("entityType", filter.entityType())
                .param("entityId", filter.entityId())
                .param("actorId", filter.actorId())
                .param("from", filter.from() == null ? null : Timestamp.from(filter.from()))
                .param("to", filter.to() == null ? null : Timestamp.from(filter.to()))
                .param("afterAt", TimeCursor.timeOf(after))
                .param("afterId", TimeCursor.idOf(after))
                .param("limit", limit + 1)
                .query(this::entry)
                .list();
        return TimeCursor.page(rows, limit, row -> new TimeCursor(row.at(), row.id()));
    }

    @Override
    @Transactional(readOnly = true)
    public List<Entry> latest(int limit) {
        return find(new Filter(null, null, null, null, null), limit, null).items();
    }

    private Entry entry(ResultSet rs, int n) throws SQLException {
        return new Entry(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                rs.getString(4),
                rs.getObject(5, UUID.class),
                rs.getString(6),
                json.readValue(rs.getString(7), new TypeReference<Map<String, Object>>() {}),
                rs.getString(8),
                rs.getTimestamp(9).toInstant());
    }
}
