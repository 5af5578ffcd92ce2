package io.traveler.production.internal;

import io.traveler.projects.ProjectStages;
import io.traveler.projects.ProjectStages.Job;
import io.traveler.projects.ProjectStages.Stage;
import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.tenancy.TenantContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The labels of units: one unit's, or a project's for a sheet (all of its units, a range of their positions, or a
 * selection), read with the organization named besides row-level security. A sheet holds at most
 * {@link #MAX_SHEET} labels and a selection names at most {@link #MAX_SELECTED} units; beyond either the answer is a
 * validation error naming {@code units}.
 */
@Service
public class Labels {
    public static final int MAX_SHEET = 5_000;
    public static final int MAX_SELECTED = 1_000;

    private final JdbcClient jdbc;
    private final ProjectStages projects;
    private final LabelCodes codes;

    Labels(JdbcClient jdbc, ProjectStages projects, LabelCodes codes) {
        this.jdbc = jdbc;
        this.projects = projects;
        this.codes = codes;
    }

    record UnitRow(UUID id, UUID projectId, String serial, int position, String status, UUID stageInstanceId) {}

    /** A unit as the label page lists it. */
    public record Listed(UUID id, String serial, int position, String status, String stage) {}

    /** Which of a project's units a sheet holds: the ids named, else positions {@code from}..{@code to}, else all. */
    public record Selection(List<UUID> units, Integer from, Integer to) {
        public static final Selection ALL = new Selection(null, null, null);

        boolean named() {
            return units != null && !units.isEmpty();
        }
    }

    @Transactional(readOnly = true)
    public Label label(UUID unitId) {
        UnitRow unit = jdbc.sql("""
                        select id, project_id, serial, position, status, stage_instance_id from production.units
                         where org_id = :org and id = :id""")
                .param("org", TenantContext.requireOrgId())
                .param("id", unitId)
                .query(UnitRow.class)
                .optional()
                .orElseThrow(() -> NotFoundException.of("Unit", unitId));
        Job job = job(unit.projectId());
        return labelOf(unit, caption(job));
    }

    /** The project's code and name as its labels show them. */
    @Transactional(readOnly = true)
    public Job project(UUID projectId) {
        return job(projectId);
    }

    /** A sheet: its project (its code names the file) and its labels in the units' order. */
    public record Sheet(Job job, List<Label> labels) {}

    /** The labels of a sheet, in the units' order; 404 for a project the organization does not have. */
    @Transactional(readOnly = true)
    public Sheet sheet(UUID projectId, Selection selection) {
        Job job = job(projectId);
        List<UnitRow> units = selection.named() ? named(projectId, selection.units()) : range(projectId, selection);
        if (units.isEmpty()) {
            if (selection.from() != null || selection.to() != null) {
                throw new ValidationException("from", "no unit of the project has a position in this range");
            }
            throw new ConflictException("The project has no units to label: they are made when it starts");
        }
        String caption = caption(job);
        return new Sheet(job, units.stream().map(unit -> labelOf(unit, caption)).toList());
    }

    private List<UnitRow> named(UUID projectId, List<UUID> ids) {
        var distinct = new LinkedHashSet<>(ids);
        if (distinct.size() > MAX_SELECTED) {
            throw new ValidationException(
                    "units",
                    "name at most " + MAX_SELECTED + " units; print more by position"
                            + " range (from, to) or the whole project");
        }
        if (distinct.contains(null)) {
            throw new ValidationException("units", "must be unit ids");
        }
        List<UnitRow> found = jdbc.sql("""
                        select id, project_id, serial, position, status, stage_instance_id from production.units
                         where org_id = :org and project_id = :project and id = any(:ids) order by position""")
                .param("org", TenantContext.requireOrgId())
                .param("project", projectId)
                .param("ids", distinct.toArray(UUID[]::new))
                .query(UnitRow.class)
                .list();
        if (found.size() != distinct.size()) {
            throw new ValidationException(
                    "units", (distinct.size() - found.size()) + " of the units named are not this project's");
        }
        return found;
    }

    private List<UnitRow> range(UUID projectId, Selection selection) {
        int from = selection.from() == null ? 1 : selection.from();
        int to = selection.to() == null ? Integer.MAX_VALUE : selection.to();
        if (from < 1) {
            throw new ValidationException("from", "must be a position, 1 or more");
        }
        if (to < from) {
            throw new ValidationException("to", "must not be before from");
        }
        List<UnitRow> units = jdbc.sql("""
                        select id, project_id, serial, position, status, stage_instance_id from production.units
                         where org_id = :org and project_id = :project and position between :from and :to
                         order by position limit :limit""")
                .param("org", TenantContext.requireOrgId())
                .param("project", projectId)
                .param("from", from)
                .param("to", to)
                .param("limit", MAX_SHEET + 1)
                .query(UnitRow.class)
                .list();
        if (units.size() > MAX_SHEET) {
            throw new ValidationException(
                    "units",
                    "a sheet holds at most " + MAX_SHEET + " labels: choose units, or"
                            + " a range of positions with from and to");
        }
        return units;
    }

    /** One page of the project's units by position, for the label page; the cursor is the last position shown. */
    @Transactional(readOnly = true)
    public ItemList<Listed> units(UUID projectId, String cursor, int size) {
        Job job = job(projectId);
        int after = after(cursor);
        List<UnitRow> rows = jdbc.sql("""
                        select id, project_id, serial, position, status, stage_instance_id from production.units
                         where org_id = :org and project_id = :project and position > :after
                         order by position limit :limit""")
                .param("org", TenantContext.requireOrgId())
                .param("project", projectId)
                .param("after", after)
                .param("limit", size + 1)
                .query(UnitRow.class)
                .list();
        Map<UUID, String> stages =
                job.stages().stream().collect(Collectors.toMap(Stage::stageInstanceId, Stage::name, (a, b) -> a));
        List<Listed> page = rows.stream()
                .limit(size)
                .map(u -> new Listed(u.id(), u.serial(), u.position(), u.status(), stages.get(u.stageInstanceId())))
                .toList();
        String next = rows.size() > size ? String.valueOf(page.getLast().position()) : null;
        return new ItemList<>(page, next);
    }

    @Transactional(readOnly = true)
    public int count(UUID projectId) {
        return jdbc.sql("select count(*) from production.units where org_id = :org and project_id = :project")
                .param("org", TenantContext.requireOrgId())
                .param("project", projectId)
                .query(Integer.class)
                .single();
    }

    private static int after(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(cursor.strip()));
        } catch (NumberFormatException e) {
            throw new ValidationException("cursor", "is not a cursor of this list");
        }
    }

    private Job job(UUID projectId) {
        return projects.job(projectId).orElseThrow(() -> NotFoundException.of("Project", projectId));
    }

    private Label labelOf(UnitRow unit, String caption) {
        return new Label(unit.id(), unit.serial(), codes.urlOf(unit.serial()), caption);
    }

    static String caption(Job job) {
        return job.name() == null || job.name().isBlank() ? job.code() : job.code() + " · " + job.name();
    }
}
