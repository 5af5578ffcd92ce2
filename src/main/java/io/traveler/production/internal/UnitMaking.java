package io.traveler.production.internal;

import io.traveler.projects.ProjectStages;
import io.traveler.projects.ProjectStages.Job;
import io.traveler.projects.ProjectStages.Stage;
import io.traveler.projects.ProjectStarted;
import io.traveler.settings.OrganizationSettings;
import io.traveler.settings.OrganizationSettings.NumberBlock;
import io.traveler.shared.Ids;
import io.traveler.shared.db.PlannerStatistics;
import io.traveler.shared.tenancy.TenantContext;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes a project's units when it starts: one per piece of a whole quantity (up to {@link #MAX_UNITS}), queued at
 * the first stage, serials taken as one block of the organization's {@code units} series. Two statements whatever
 * the quantity (units, then their CREATED passport events), inside the transaction that starts the project: a start
 * that fails leaves no unit, and a started project has all of its units.
 */
@Service
public class UnitMaking {
    /** The most units one project makes at its start; a larger or fractional quantity is tracked by the project. */
    public static final int MAX_UNITS = 100_000;

    static final String SERIES = "units";

    private final ProjectStages projects;
    private final OrganizationSettings settings;
    private final JdbcClient jdbc;
    private final PlannerStatistics statistics;

    UnitMaking(ProjectStages projects, OrganizationSettings settings, JdbcClient jdbc, PlannerStatistics statistics) {
        this.projects = projects;
        this.settings = settings;
        this.jdbc = jdbc;
        this.statistics = statistics;
    }

    @EventListener
    void on(ProjectStarted started) {
        makeUnits(started.projectId(), started.actorId());
    }

    /** Makes the units of a just-started project; answers how many (0 for a quantity that is not whole). */
    @Transactional(propagation = Propagation.MANDATORY)
    public int makeUnits(UUID projectId, UUID actorId) {
        Job job = projects.job(projectId).orElseThrow();
        int count = wholeCount(job.quantity());
        if (count == 0 || job.stages().isEmpty()) {
            return 0;
        }
        Stage first = job.stages().getFirst();
        NumberBlock serials = settings.nextNumbers(SERIES, count);
        UUID[] unitIds = new UUID[count];
        UUID[] eventIds = new UUID[count];
        for (int i = 0; i < count; i++) {
            unitIds[i] = Ids.newId();
            eventIds[i] = Ids.newId();
        }
        Timestamp now = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
        UUID org = TenantContext.requireOrgId();
        jdbc.sql("""
                        insert into production.units (org_id, id, project_id, serial, position, stage_instance_id,
                                stage_position, station_id, status, priority, due_date, entered_stage_at, event_seq,
                                created_at, updated_at)
                        select :org, made.id, :project,
                               :prefix || case when length((:first + made.n - 1)::text) >= :padding
                                               then (:first + made.n - 1)::text
                                               else lpad((:first + made.n - 1)::text, :padding, '0') end,
                               made.n, :stage, :position, :station, 'QUEUED', :priority, :due, :now, 1, :now, :now
                          from unnest(:ids) with ordinality as made(id, n)
                        """)
                .param("org", org)
                .param("project", projectId)
                .param("prefix", serials.prefix())
                .param("first", serials.first())
                .param("padding", serials.padding())
                .param("stage", first.stageInstanceId())
                .param("position", first.position())
                .param("station", first.stationId())
                .param("priority", priorityRank(job.priority()))
                .param("due", job.dueDate())
                .param("now", now)
                .param("ids", unitIds)
                .update();
        jdbc.sql("""
                        insert into production.unit_events (org_id, id, unit_id, seq, kind, stage_instance_id,
                                station_id, actor_id, detail, at, recorded_at)
                        select :org, made.event_id, made.unit_id, 1, 'CREATED', :stage, :station, :actor,
                               jsonb_build_object('project_code', :code::text), :now, :now
                          from unnest(:units, :events) as made(unit_id, event_id)
                        """)
                .param("org", org)
                .param("stage", first.stageInstanceId())
                .param("station", first.stationId())
                .param("actor", actorId)
                .param("code", job.code())
                .param("now", now)
                .param("units", unitIds)
                .param("events", eventIds)
                .update();
        statistics.grew("production.units", count);
        statistics.grew("production.unit_events", count);
        return count;
    }

    static int wholeCount(BigDecimal quantity) {
        if (quantity == null
                || quantity.signum() <= 0
                || quantity.stripTrailingZeros().scale() > 0) {
            return 0;
        }
        return quantity.compareTo(BigDecimal.valueOf(MAX_UNITS)) > 0 ? 0 : quantity.intValueExact();
    }

    /** An order's priority as the queue sorts it: LOW 0, NORMAL 1, HIGH 2, URGENT 3. */
    static int priorityRank(String priority) {
        return switch (priority == null ? "NORMAL" : priority) {
            case "LOW" -> 0;
            case "HIGH" -> 2;
            case "URGENT" -> 3;
            default -> 1;
        };
    }
}
