package io.traveler.production.internal;

import io.traveler.production.internal.Line.StageRef;
import io.traveler.production.internal.LiveFeed.UnitChange;
import io.traveler.production.internal.Views.UnitView;
import io.traveler.settings.OrganizationSettings;
import io.traveler.settings.OrganizationSettings.NumberBlock;
import io.traveler.shared.Ids;
import io.traveler.shared.db.PlannerStatistics;
import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.tenancy.TenantContext;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Units made after a project's start: more units added to an ACTIVE project (queued at its first stage, serials
 * taken as one block), and a unit's quantity split into new units with new serials, which stay where it is. Both
 * set-based, under the project's row lock (positions are numbered on from the last) and write each new unit's
 * CREATED event; the project then follows its units.
 */
@Service
public class UnitSupply {
    public static final int MAX_ADD = 10_000;
    public static final int MAX_SPLIT = 100;

    private final JdbcClient jdbc;
    private final OrganizationSettings settings;
    private final UnitChanges units;
    private final Lines lines;
    private final UnitQueries queries;
    private final LiveFeed feed;
    private final ApplicationEventPublisher publisher;
    private final PlannerStatistics statistics;

    UnitSupply(
            JdbcClient jdbc,
            OrganizationSettings settings,
            UnitChanges units,
            Lines lines,
            UnitQueries queries,
            LiveFeed feed,
            ApplicationEventPublisher publisher,
            PlannerStatistics statistics) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.units = units;
        this.lines = lines;
        this.queries = queries;
        this.feed = feed;
        this.publisher = publisher;
        this.statistics = statistics;
    }

    private record ProjectState(String code, String status, int lastPosition) {}

    /** Adds {@code count} QUEUED units at the project's first stage; answers them. */
    @Transactional
    public List<UnitView> add(UUID projectId, Integer count, BigDecimal quantity) {
        if (count == null || count < 1 || count > MAX_ADD) {
            throw new ValidationException("count", "must be between 1 and " + MAX_ADD);
        }
        if (quantity != null && !validQuantity(quantity)) {
            throw new ValidationException("quantity", "must be above 0 with at most 6 decimals");
        }
        ProjectState project = lockProject(projectId);
        if (!project.status().equals("ACTIVE")) {
            throw new ConflictException(
                    "Project " + project.code() + " is " + project.status() + ": units are added to an ACTIVE project");
        }
        StageRef first = lines.of(projectId)
                .first()
                .orElseThrow(() -> new ConflictException("Project " + project.code() + " has no stages"));
        var meta = jdbc.sql("""
                        select priority, due_date from production.units
                         where org_id = :org and project_id = :project order by position limit 1""")
                .param("org", TenantContext.requireOrgId())
                .param("project", projectId)
                .query((rs, n) -> Map.entry(
                        rs.getInt("priority"),
                        java.util.Optional.ofNullable(rs.getObject("due_date", java.time.LocalDate.class))))
                .optional();
        int priority = meta.map(Map.Entry::getKey).orElse(1);
        java.time.LocalDate due = meta.flatMap(Map.Entry::getValue).orElse(null);
        BigDecimal[] quantities = new BigDecimal[count];
        java.util.Arrays.fill(quantities, quantity == null ? BigDecimal.ONE : quantity);
        List<UUID> made = make(projectId, project, first, count, priority, due, null, quantities, "added");
        publisher.publishEvent(new UnitsMoved(TenantContext.requireOrgId(), projectId));
        return made.stream().map(queries::unit).toList();
    }

    /**
     * Splits {@code quantities} off the unit into new units (the unit keeps the rest, which must stay above zero).
     * The new units are where the unit is, in its status, with the actions recorded at its current entry.
     */
    @Transactional
    public List<UnitView> split(UUID unitId, List<BigDecimal> quantities, ExpectedVersion expected) {
        if (quantities == null || quantities.isEmpty() || quantities.size() > MAX_SPLIT) {
            throw new ValidationException("quantities", "must name 1 to " + MAX_SPLIT + " quantities to split off");
        }
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < quantities.size(); i++) {
            BigDecimal q = quantities.get(i);
            if (!validQuantity(q)) {
                throw new ValidationException("quantities[" + i + "]", "must be above 0 with at most 6 decimals");
            }
            total = total.add(q);
        }
        UnitRow before = jdbc.sql("select project_id from production.units where org_id = :org and id = :id")
                .param("org", TenantContext.requireOrgId())
                .param("id", unitId)
                .query(UUID.class)
                .optional()
                .map(project -> {
                    lockProject(project);
                    return units.lock(unitId);
                })
                .orElseThrow(() -> NotFoundException.of("Unit", unitId));
        expected.checkIfGiven(before.version());
        if (before.finished() || before.status().equals("DEFECTIVE")) {
            throw new ConflictException(
                    "Unit " + before.serial() + " is " + before.status() + ": only a unit in work is split");
        }
        if (total.compareTo(before.quantity()) >= 0) {
            throw new ValidationException(
                    "quantities",
                    "must add up to less than the unit's quantity "
                            + before.quantity().stripTrailingZeros().toPlainString());
        }
        ProjectState project = lockProject(before.projectId());
        StageRef stage =
                lines.of(before.projectId()).stage(before.stageInstanceId()).orElseThrow();
        List<UUID> made = make(
                before.projectId(),
                project,
                stage,
                quantities.size(),
                before.priority(),
                before.dueDate(),
                before,
                quantities.toArray(BigDecimal[]::new),
                "split");
        jdbc.sql("""
                        insert into production.unit_actions (org_id, id, unit_id, stage_instance_id, stage_entry,
                                action_id, kind, value_text, measured_value, within_tolerance, document_id, actor_id, at)
                        select a.org_id, gen_random_uuid(), c.id, a.stage_instance_id, 1, a.action_id, a.kind,
                               a.value_text, a.measured_value, a.within_tolerance, a.document_id, a.actor_id, a.at
                          from production.unit_actions a cross join unnest(:children) as c(id)
                         where a.org_id = :org and a.unit_id = :unit and a.stage_instance_id = :stage
                           and a.stage_entry = :entry""")
                .param("org", TenantContext.requireOrgId())
                .param("children", made.toArray(UUID[]::new))
                .param("unit", before.id())
                .param("stage", before.stageInstanceId())
                .param("entry", before.stageEntry())
                .update();
        jdbc.sql("update production.units set quantity = quantity - :total where org_id = :org and id = :id")
                .param("total", total)
                .param("org", TenantContext.requireOrgId())
                .param("id", before.id())
                .update();
        UnitStep step = new UnitStep(before, stage, UnitChanges.now());
        List<String> serials =
                made.stream().map(id -> queries.unit(id).serial()).toList();
        step.event(
                "SPLIT",
                stage,
                "into",
                serials,
                "quantities",
                quantities,
                "kept",
                before.quantity().subtract(total));
        units.write(step, null, null, null);
        publisher.publishEvent(new UnitsMoved(TenantContext.requireOrgId(), before.projectId()));
        List<UnitView> answer = new ArrayList<>();
        answer.add(queries.unit(before.id()));
        made.forEach(id -> answer.add(queries.unit(id)));
        return answer;
    }

    private static boolean validQuantity(BigDecimal q) {
        return q != null
                && q.signum() > 0
                && q.stripTrailingZeros().scale() <= 6
                && q.compareTo(new BigDecimal("10000000000000")) < 0;
    }

    private ProjectState lockProject(UUID projectId) {
        UUID org = TenantContext.requireOrgId();
        ProjectState state = jdbc.sql("""
                        select code, status from projects.projects where org_id = :org and id = :id for update""")
                .param("org", org)
                .param("id", projectId)
                .query((rs, n) -> new ProjectState(rs.getString("code"), rs.getString("status"), 0))
                .optional()
                .orElseThrow(() -> NotFoundException.of("Project", projectId));
        int last = jdbc.sql(
                        "select coalesce(max(position), 0) from production.units where org_id = :org and project_id = :p")
                .param("org", org)
                .param("p", projectId)
                .query(Integer.class)
                .single();
        return new ProjectState(state.code(), state.status(), last);
    }

    /** New units at {@code stage}: QUEUED (or a split parent's status), each with its CREATED event. */
    private List<UUID> make(
            UUID projectId,
            ProjectState project,
            StageRef stage,
            int count,
            int priority,
            java.time.LocalDate due,
            UnitRow parent,
            BigDecimal[] quantities,
            String why) {
        UUID org = TenantContext.requireOrgId();
        NumberBlock serials = settings.nextNumbers(UnitMaking.SERIES, count);
        UUID[] ids = new UUID[count];
        UUID[] events = new UUID[count];
        for (int i = 0; i < count; i++) {
            ids[i] = Ids.newId();
            events[i] = Ids.newId();
        }
        Timestamp now = Timestamp.from(UnitChanges.now());
        String status = parent == null ? "QUEUED" : parent.status();
        jdbc.sql("""
                        insert into production.units (org_id, id, project_id, serial, position, quantity, parent_unit_id,
                                stage_instance_id, stage_position, station_id, status, held_from, priority, due_date,
                                entered_stage_at, started_at, event_seq, created_at, updated_at)
                        select :org, made.id, :project,
                               :prefix || case when length((:first + made.n - 1)::text) >= :padding
                                               then (:first + made.n - 1)::text
                                               else lpad((:first + made.n - 1)::text, :padding, '0') end,
                               :last + made.n, coalesce(made.quantity, 1), cast(:parent as uuid), :stage, :position,
                               :station, :status, cast(:heldFrom as text), :priority, cast(:due as date),
                               coalesce(cast(:entered as timestamptz), :now), cast(:started as timestamptz), 1, :now,
                               :now
                          from unnest(:ids, :quantities) with ordinality as made(id, quantity, n)""")
                .param("org", org)
                .param("project", projectId)
                .param("prefix", serials.prefix())
                .param("first", serials.first())
                .param("padding", serials.padding())
                .param("last", project.lastPosition())
                .param("parent", parent == null ? null : parent.id())
                .param("stage", stage.id())
                .param("position", stage.position())
                .param("station", stage.stationId())
                .param("status", status)
                .param("heldFrom", parent == null ? null : parent.heldFrom())
                .param("priority", priority)
                .param("due", due)
                .param("entered", parent == null ? null : Timestamp.from(parent.enteredStageAt()))
                .param(
                        "started",
                        parent == null || parent.startedAt() == null ? null : Timestamp.from(parent.startedAt()))
                .param("now", now)
                .param("ids", ids)
                .param("quantities", quantities == null ? new BigDecimal[count] : quantities)
                .update();
        jdbc.sql("""
                        insert into production.unit_events (org_id, id, unit_id, seq, kind, stage_instance_id,
                                station_id, actor_id, detail, at, recorded_at)
                        select :org, made.event_id, made.unit_id, 1, 'CREATED', :stage, :station, :actor,
                               jsonb_build_object('project_code', :code::text, 'why', :why::text,
                                                  'split_from', :parentSerial::text), :now, :now
                          from unnest(:units, :events) as made(unit_id, event_id)""")
                .param("org", org)
                .param("stage", stage.id())
                .param("station", stage.stationId())
                .param("actor", TenantContext.actorId().orElse(null))
                .param("code", project.code())
                .param("why", why)
                .param("parentSerial", parent == null ? null : parent.serial())
                .param("now", now)
                .param("units", ids)
                .param("events", events)
                .update();
        statistics.grew("production.units", count);
        statistics.grew("production.unit_events", count);
        // A split announces each new unit; an addition of up to thousands announces its first, which is enough
        // for a board to read the station again.
        int announced = parent == null ? 1 : count;
        for (int i = 0; i < announced; i++) {
            feed.announce(new UnitChange(
                    org,
                    ids[i],
                    serials.format(serials.first() + i),
                    projectId,
                    stage.stationId(),
                    null,
                    status,
                    stage.name(),
                    "CREATED",
                    now.toInstant()));
        }
        return List.of(ids);
    }
}
