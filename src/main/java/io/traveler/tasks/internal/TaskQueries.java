package io.traveler.tasks.internal;

import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.TimeCursor;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.tasks.Tasks.Status;
import io.traveler.tasks.Tasks.TaskView;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Tasks across projects, newest first, narrowed by project, station, employee and status. */
@Service
public class TaskQueries {
    public record TaskFilter(UUID projectId, UUID stationId, UUID employeeId, Status status) {}

    private final TaskService tasks;
    private final JdbcClient jdbc;

    TaskQueries(TaskService tasks, JdbcClient jdbc) {
        this.tasks = tasks;
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public ItemList<TaskView> list(TaskFilter filter, int limit, String cursor) {
        TimeCursor after = TimeCursor.parse(cursor);
        StringBuilder where = new StringBuilder("true");
        Map<String, Object> params = new HashMap<>();
        if (filter.projectId() != null) {
            where.append(" and t.project_id = :project");
            params.put("project", filter.projectId());
        }
        if (filter.stationId() != null) {
            where.append(" and t.station_id = :station");
            params.put("station", filter.stationId());
        }
        if (filter.employeeId() != null) {
            where.append(" and t.employee_id = :employee");
            params.put("employee", filter.employeeId());
        }
        if (filter.status() != null) {
            where.append(" and t.status = :status");
            params.put("status", filter.status().name());
        }
        if (after != null) {
            where.append(" and (t.created_at < :at or (t.created_at = :at and t.id < :id))");
            params.put("at", Timestamp.from(after.at()));
            params.put("id", after.id());
        }
        List<TaskView> found =
                tasks.views(where.toString(), params, "order by t.created_at desc, t.id desc limit " + (limit + 1));
        Map<UUID, java.time.Instant> created = createdAt(found);
        return TimeCursor.page(found, limit, t -> new TimeCursor(created.get(t.id()), t.id()));
    }

    private Map<UUID, java.time.Instant> createdAt(List<TaskView> found) {
        Map<UUID, java.time.Instant> created = new HashMap<>();
        if (!found.isEmpty()) {
            jdbc.sql("select id, created_at from tasks.tasks where org_id = :org and id in (:ids)")
                    .param("org", TenantContext.requireOrgId())
                    .param("ids", found.stream().map(TaskView::id).toList())
                    .query(rs -> {
                        created.put(
                                rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant());
                    });
        }
        return created;
    }
}
