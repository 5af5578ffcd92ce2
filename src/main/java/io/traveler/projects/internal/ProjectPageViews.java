package io.traveler.projects.internal;

import io.traveler.shared.SearchWords;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.TimeCursor;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.workflows.Workflows;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the project pages read, in the current organization: the list, a project with its stages, moves, action
 * records and design documents, and the board's cards. Plain queries of this module's tables (row-level security
 * applies); the pages ask the workflows and tasks modules for the rest through their facades.
 */
@Component
@Transactional(readOnly = true)
public class ProjectPageViews {
    /** Cards the board shows per workflow at most. */
    public static final int BOARD_CARDS = 300;

    /** Completed projects stay on the board this many days. */
    static final int COMPLETED_DAYS = 14;

    public record Filter(String status, UUID customerId, UUID orderId, UUID workflowId, String q) {}

    public record Row(
            UUID id,
            String code,
            String name,
            UUID customerId,
            UUID orderId,
            String status,
            String currentStage,
            BigDecimal quantity,
            LocalDate dueDate,
            Instant createdAt) {}

    public record Head(
            UUID id,
            String code,
            String name,
            UUID customerId,
            UUID orderId,
            UUID orderLineId,
            UUID productId,
            UUID bomId,
            UUID workflowId,
            BigDecimal quantity,
            LocalDate dueDate,
            BigDecimal estimatedPrice,
            BigDecimal estimatedCost,
            String status,
            UUID currentStageId,
            String notes,
            Instant startedAt,
            Instant completedAt,
            UUID createdBy,
            Instant createdAt,
            long version,
            BigDecimal materialsCost) {}

    public record Stage(
            UUID id,
            UUID stageId,
            int position,
            String name,
            UUID stationId,
            int expectedMinutes,
            String status,
            int entries,
            Instant startedAt,
            Instant endedAt,
            UUID movedBy) {}

    public record Move(
            UUID id, UUID fromStageId, UUID toStageId, String kind, String reason, UUID actorId, Instant at) {}

    public record ActionRecord(
            UUID id,
            UUID stageInstanceId,
            int stageEntry,
            UUID actionId,
            String kind,
            String valueText,
            BigDecimal measuredValue,
            Boolean withinTolerance,
            UUID actorId,
            Instant at) {}

    public record DesignDoc(
            UUID id,
            String fileKey,
            String fileName,
            String contentType,
            Long sizeBytes,
            String metadata,
            UUID createdBy,
            Instant createdAt) {}

    /** A project on the board: where it stands in its workflow (0 before its start). */
    public record Card(
            UUID id,
            String code,
            String name,
            UUID customerId,
            String status,
            int position,
            String currentStage,
            LocalDate dueDate) {}

    /** A workflow version the board can show: its projects' count (draft, active, on hold). */
    public record BoardWorkflow(UUID id, String name, int versionNo, String status, long projects) {}

    private final JdbcClient jdbc;
    private final Workflows workflows;

    ProjectPageViews(JdbcClient jdbc, Workflows workflows) {
        this.jdbc = jdbc;
        this.workflows = workflows;
    }

    /** Newest first, {@code size} rows after the cursor. */
    public ItemList<Row> list(Filter filter, String cursor, int size) {
        TimeCursor after = TimeCursor.parse(cursor);
        String q = filter.q() == null || filter.q().isBlank()
                ? null
                : SearchWords.containing(filter.q().strip());
        List<Row> rows = jdbc.sql("""
                        select p.id, p.code, p.name, p.customer_id, p.order_id, p.status, s.name as stage,
                               p.quantity, p.due_date, p.created_at
                          from projects.projects p
                          left join projects.stage_instances s on s.org_id = p.org_id and s.id = p.current_stage_id
                         where p.org_id = :org
                           and (cast(:status as text) is null or p.status = cast(:status as text))
                           and (cast(:customer as uuid) is null or p.customer_id = cast(:customer as uuid))
                           and (cast(:order as uuid) is null or p.order_id = cast(:order as uuid))
                           and (cast(:workflow as uuid) is null or p.workflow_id = cast(:workflow as uuid))
                           and (cast(:q as text) is null or p.code ilike cast(:q as text)
                                or p.name ilike cast(:q as text))
                           and (cast(:at as timestamptz) is null
                                or (p.created_at, p.id) < (cast(:at as timestamptz), cast(:id as uuid)))
                         order by p.created_at desc, p.id desc
                         limit :limit
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("status", filter.status())
                .param("customer", filter.customerId())
                .param("order", filter.orderId())
                .param("workflow", filter.workflowId())
                .param("q", q)
                .param("at", TimeCursor.timeOf(after))
                .param("id", TimeCursor.idOf(after))
                .param("limit", size + 1)
                .query((rs, n) -> new Row(
                        uuid(rs, "id"),
                        rs.getString("code"),
                        rs.getString("name"),
                        uuid(rs, "customer_id"),
                        uuid(rs, "order_id"),
                        rs.getString("status"),
                        rs.getString("stage"),
                        rs.getBigDecimal("quantity"),
                        rs.getObject("due_date", LocalDate.class),
                        instant(rs, "created_at")))
                .list();
        return TimeCursor.page(rows, size, row -> new TimeCursor(row.createdAt(), row.id()));
    }

    public Head head(UUID projectId) {
        return jdbc.sql("select * from projects.projects where org_id = :org and id = :id")
                .param("org", TenantContext.requireOrgId())
                .param("id", projectId)
                .query((rs, n) -> new Head(
                        uuid(rs, "id"),
                        rs.getString("code"),
                        rs.getString("name"),
                        uuid(rs, "customer_id"),
                        uuid(rs, "order_id"),
                        uuid(rs, "order_line_id"),
                        uuid(rs, "product_id"),
                        uuid(rs, "bom_id"),
                        uuid(rs, "workflow_id"),
                        rs.getBigDecimal("quantity"),
                        rs.getObject("due_date", LocalDate.class),
                        rs.getBigDecimal("estimated_price"),
                        rs.getBigDecimal("estimated_cost"),
                        rs.getString("status"),
                        uuid(rs, "current_stage_id"),
                        rs.getString("notes"),
                        instant(rs, "started_at"),
                        instant(rs, "completed_at"),
                        uuid(rs, "created_by"),
                        instant(rs, "created_at"),
                        rs.getLong("version"),
                        rs.getBigDecimal("materials_cost")))
                .optional()
                .orElseThrow(() -> new NotFoundException("project", projectId));
    }

    /** The project's stages in workflow order. */
    public List<Stage> stages(UUID projectId) {
        return jdbc.sql("""
                        select * from projects.stage_instances
                         where org_id = :org and project_id = :project order by position
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("project", projectId)
                .query((rs, n) -> new Stage(
                        uuid(rs, "id"),
                        uuid(rs, "stage_id"),
                        rs.getInt("position"),
                        rs.getString("name"),
                        uuid(rs, "station_id"),
                        rs.getInt("expected_minutes"),
                        rs.getString("status"),
                        rs.getInt("entries"),
                        instant(rs, "started_at"),
                        instant(rs, "ended_at"),
                        uuid(rs, "moved_by")))
                .list();
    }

    /** Every move, newest first. */
    public List<Move> moves(UUID projectId) {
        return jdbc.sql("""
                        select * from projects.stage_moves
                         where org_id = :org and project_id = :project order by at desc, id
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("project", projectId)
                .query((rs, n) -> new Move(
                        uuid(rs, "id"),
                        uuid(rs, "from_stage_id"),
                        uuid(rs, "to_stage_id"),
                        rs.getString("kind"),
                        rs.getString("reason"),
                        uuid(rs, "actor_id"),
                        instant(rs, "at")))
                .list();
    }

    /** The stage actions recorded for the project, of every entry of every stage. */
    public List<ActionRecord> actionRecords(UUID projectId) {
        return jdbc.sql("""
                        select r.* from projects.action_records r
                          join projects.stage_instances s on s.org_id = r.org_id and s.id = r.stage_instance_id
                         where r.org_id = :org and s.project_id = :project order by r.at
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("project", projectId)
                .query((rs, n) -> new ActionRecord(
                        uuid(rs, "id"),
                        uuid(rs, "stage_instance_id"),
                        rs.getInt("stage_entry"),
                        uuid(rs, "action_id"),
                        rs.getString("kind"),
                        rs.getString("value_text"),
                        rs.getBigDecimal("measured_value"),
                        (Boolean) rs.getObject("within_tolerance"),
                        uuid(rs, "actor_id"),
                        instant(rs, "at")))
                .list();
    }

    public List<DesignDoc> designDocs(UUID projectId) {
        return jdbc.sql("""
                        select id, file_key, file_name, content_type, size_bytes, metadata::text as metadata,
                               created_by, created_at
                          from projects.design_docs
                         where org_id = :org and project_id = :project order by created_at, id
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("project", projectId)
                .query((rs, n) -> new DesignDoc(
                        uuid(rs, "id"),
                        rs.getString("file_key"),
                        rs.getString("file_name"),
                        rs.getString("content_type"),
                        (Long) rs.getObject("size_bytes"),
                        rs.getString("metadata"),
                        uuid(rs, "created_by"),
                        instant(rs, "created_at")))
                .list();
    }

    /**
     * The workflow versions that projects run (draft, active or on hold), busiest first, then the active workflows
     * that run none yet.
     */
    public List<BoardWorkflow> boardWorkflows() {
        Map<UUID, Long> running = new LinkedHashMap<>();
        jdbc.sql("""
                        select workflow_id, count(*) from projects.projects
                         where org_id = :org and status in ('DRAFT', 'ACTIVE', 'ON_HOLD')
                         group by workflow_id
                        """).param("org", TenantContext.requireOrgId()).query(rs -> {
            running.put(uuid(rs, "workflow_id"), rs.getLong(2));
        });
        Map<UUID, Workflows.WorkflowSummary> shown = new LinkedHashMap<>();
        workflows.summaries(running.keySet()).forEach(w -> shown.put(w.id(), w));
        workflows.activeWorkflows().forEach(w -> shown.putIfAbsent(w.id(), w));
        return shown.values().stream()
                .map(w -> new BoardWorkflow(
                        w.id(), w.name(), w.versionNo(), w.status(), running.getOrDefault(w.id(), 0L)))
                .sorted(Comparator.comparingLong(BoardWorkflow::projects)
                        .reversed()
                        .thenComparing(BoardWorkflow::name)
                        .thenComparing(Comparator.comparingInt(BoardWorkflow::versionNo)
                                .reversed()))
                .toList();
    }

    /** The ACTIVE workflow versions, by name: what a new project may run. */
    public List<BoardWorkflow> activeWorkflows() {
        return workflows.activeWorkflows().stream()
                .map(w -> new BoardWorkflow(w.id(), w.name(), w.versionNo(), w.status(), 0))
                .toList();
    }

    /**
     * The projects running this workflow version: drafts, active and held ones, and those completed in the last
     * days; by due date.
     */
    public List<Card> cards(UUID workflowId) {
        return jdbc.sql("""
                        select p.id, p.code, p.name, p.customer_id, p.status, coalesce(s.position, 0) as position,
                               s.name as stage, p.due_date
                          from projects.projects p
                          left join projects.stage_instances s on s.org_id = p.org_id and s.id = p.current_stage_id
                         where p.org_id = :org and p.workflow_id = :workflow
                           and (p.status in ('DRAFT', 'ACTIVE', 'ON_HOLD')
                                or (p.status = 'COMPLETED' and p.completed_at >= now() - make_interval(days => :days)))
                         order by p.due_date nulls last, p.created_at, p.id
                         limit :limit
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("workflow", workflowId)
                .param("days", COMPLETED_DAYS)
                .param("limit", BOARD_CARDS)
                .query((rs, n) -> new Card(
                        uuid(rs, "id"),
                        rs.getString("code"),
                        rs.getString("name"),
                        uuid(rs, "customer_id"),
                        rs.getString("status"),
                        rs.getInt("position"),
                        rs.getString("stage"),
                        rs.getObject("due_date", LocalDate.class)))
                .list();
    }

    /** Projects per status, for the list's filter and the tiles. */
    public Map<String, Long> countsByStatus() {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("select status, count(*) as n from projects.projects where org_id = :org group by status")
                .param("org", TenantContext.requireOrgId())
                .query(rs -> {
                    counts.put(rs.getString("status"), rs.getLong("n"));
                });
        return counts;
    }

    private static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
