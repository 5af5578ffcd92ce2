package io.traveler.production.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.traveler.production.internal.Line.StageRef;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.workflows.Workflows;
import io.traveler.workflows.Workflows.StageAction;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The stages a project's units go through and the actions each stage asks for, kept in memory: a project's stage
 * instances do not change once made, and a workflow version is immutable, so a scan reads neither from the database
 * after the first. Keyed by organization too, so one tenant's ids never answer another's.
 */
@Component
class Lines {
    private record Key(UUID orgId, UUID id) {}

    private final Cache<Key, Line> lines =
            Caffeine.newBuilder().maximumSize(10_000).build();
    private final Cache<Key, Map<UUID, List<StageAction>>> actions =
            Caffeine.newBuilder().maximumSize(2_000).build();
    private final JdbcClient jdbc;
    private final Workflows workflows;

    Lines(JdbcClient jdbc, Workflows workflows) {
        this.jdbc = jdbc;
        this.workflows = workflows;
    }

    Line of(UUID projectId) {
        return lines.get(new Key(TenantContext.requireOrgId(), projectId), key -> load(key.orgId(), key.id()));
    }

    private Line load(UUID orgId, UUID projectId) {
        return new Line(jdbc.sql("""
                        select id, stage_id, position, name, station_id from projects.stage_instances
                         where org_id = :org and project_id = :project order by position""")
                .param("org", orgId)
                .param("project", projectId)
                .query((rs, n) -> new StageRef(
                        rs.getObject("id", UUID.class),
                        rs.getObject("stage_id", UUID.class),
                        rs.getInt("position"),
                        rs.getString("name"),
                        rs.getObject("station_id", UUID.class)))
                .list());
    }

    /** The actions of a workflow stage (of this workflow version), in order. */
    List<StageAction> actions(UUID workflowId, UUID stageId) {
        return actions.get(
                        new Key(TenantContext.requireOrgId(), workflowId), key -> workflows
                                .workflow(key.id())
                                .orElseThrow(() -> NotFoundException.of("Workflow", key.id()))
                                .stages()
                                .stream()
                                .collect(Collectors.toMap(Workflows.Stage::id, Workflows.Stage::actions)))
                .getOrDefault(stageId, List.of());
    }
}
