package io.traveler.production.internal;

import io.traveler.production.internal.Line.StageRef;
import io.traveler.production.internal.Views.UnitView;
import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.TimeCursor;
import io.traveler.shared.tenancy.TenantContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Defects and what is decided about them. A defect is reported by a scan ({@code report_defect}: the unit becomes
 * DEFECTIVE); its disposition sends the unit back to a chosen stage of its project, at or before the one it is at
 * (REWORK: that stage entered again), scraps it (SCRAP), or lets it go on where it is (USE_AS_IS: IN_PROGRESS).
 * The unit's lock is taken before the defect's, as a scan takes it, so the two never wait on each other in turn.
 */
@Service
public class Defects {
    public enum Disposition {
        REWORK,
        SCRAP,
        USE_AS_IS
    }

    public record DefectView(
            UUID id,
            UUID unitId,
            String serial,
            UUID projectId,
            String projectCode,
            UUID stageInstanceId,
            String stageName,
            UUID stationId,
            String code,
            String severity,
            String description,
            List<UUID> photoIds,
            String disposition,
            UUID reworkStageId,
            String dispositionNote,
            UUID reportedBy,
            Instant reportedAt,
            UUID disposedBy,
            Instant disposedAt,
            long version) {}

    public record Filter(UUID projectId, UUID stationId, String code, Boolean open) {}

    public record Decision(String disposition, UUID reworkStageId, String note) {}

    public record Disposed(DefectView defect, UnitView unit) {}

    private final JdbcClient jdbc;
    private final UnitChanges units;
    private final Lines lines;

    Defects(JdbcClient jdbc, UnitChanges units, Lines lines) {
        this.jdbc = jdbc;
        this.units = units;
        this.lines = lines;
    }

    private static final String SELECT = """
            select d.id, d.unit_id, u.serial, d.project_id, p.code as project_code, d.stage_instance_id,
                   s.name as stage_name, d.station_id, d.code, d.severity, d.description, d.photo_ids,
                   d.disposition, d.rework_stage_id, d.disposition_note, d.reported_by, d.reported_at,
                   d.disposed_by, d.disposed_at, d.version
              from production.defects d
              join production.units u on u.org_id = d.org_id and u.id = d.unit_id
              join projects.projects p on p.org_id = d.org_id and p.id = d.project_id
              join projects.stage_instances s on s.org_id = d.org_id and s.id = d.stage_instance_id
            """;

    @Transactional(readOnly = true)
    public DefectView defect(UUID id) {
        return jdbc.sql(SELECT + " where d.org_id = :org and d.id = :id")
                .param("org", TenantContext.requireOrgId())
                .param("id", id)
                .query(Defects::read)
                .optional()
                .orElseThrow(() -> NotFoundException.of("Defect", id));
    }

    /** Newest first; keyset paged by (reported_at, id). */
    @Transactional(readOnly = true)
    public ItemList<DefectView> list(Filter filter, int limit, String cursor) {
        TimeCursor after = TimeCursor.parse(cursor);
        List<DefectView> rows = jdbc.sql(SELECT + """
                         where d.org_id = :org
                           and (cast(:project as uuid) is null or d.project_id = :project)
                           and (cast(:station as uuid) is null or d.station_id = :station)
                           and (cast(:code as text) is null or d.code = :code)
                           and (cast(:open as boolean) is null or (d.disposition is null) = :open)
                           and (cast(:afterAt as timestamptz) is null or (d.reported_at, d.id) < (:afterAt, :afterId))
                         order by d.reported_at desc, d.id desc limit :limit""")
                .param("org", TenantContext.requireOrgId())
                .param("project", filter.projectId())
                .param("station", filter.stationId())
                .param("code", filter.code())
                .param("open", filter.open())
                .param("afterAt", TimeCursor.timeOf(after))
                .param("afterId", TimeCursor.idOf(after))
                .param("limit", limit + 1)
                .query(Defects::read)
                .list();
        return TimeCursor.page(rows, limit, d -> new TimeCursor(d.reportedAt(), d.id()));
    }

    @Transactional
    public Disposed dispose(UUID defectId, Decision decision, ExpectedVersion expected) {
        Disposition disposition = disposition(decision.disposition());
        String note = ScanService.text("note", decision.note());
        UUID unitId = jdbc.sql("select unit_id from production.defects where org_id = :org and id = :id")
                .param("org", TenantContext.requireOrgId())
                .param("id", defectId)
                .query(UUID.class)
                .optional()
                .orElseThrow(() -> NotFoundException.of("Defect", defectId));
        UnitRow unit = units.lock(unitId);
        DefectView defect = jdbc.sql(SELECT + " where d.org_id = :org and d.id = :id for update of d")
                .param("org", TenantContext.requireOrgId())
                .param("id", defectId)
                .query(Defects::read)
                .single();
        expected.checkIfGiven(defect.version());
        if (defect.disposition() != null) {
            throw new ConflictException("Defect " + defect.code() + " on unit " + unit.serial()
                    + " was already decided: " + defect.disposition());
        }
        if (!unit.status().equals("DEFECTIVE")) {
            throw new ConflictException("Unit " + unit.serial() + " is " + unit.status() + ", not DEFECTIVE");
        }
        Line line = lines.of(unit.projectId());
        StageRef current = line.stage(unit.stageInstanceId()).orElseThrow();
        Instant at = UnitChanges.now();
        UnitStep step = new UnitStep(unit, current, at);
        UUID reworkStage = null;
        step.event(
                "DISPOSED",
                current,
                "defect_id",
                defectId,
                "disposition",
                disposition.name(),
                "note",
                note,
                "rework_stage_instance_id",
                decision.reworkStageId());
        switch (disposition) {
            case REWORK -> {
                if (decision.reworkStageId() == null) {
                    throw new ValidationException("rework_stage_id", "is required: the stage the unit goes back to");
                }
                StageRef target = line.stage(decision.reworkStageId())
                        .filter(s -> s.position() <= current.position())
                        .orElseThrow(() -> new ValidationException(
                                "rework_stage_id",
                                "must be a stage of the unit's project at or before " + current.name()));
                reworkStage = target.id();
                step.enter(target, units.entries(unit.id(), target.id()) + 1, "REWORK");
                step.event(
                        "REWORK",
                        target,
                        "from_stage_instance_id",
                        current.id(),
                        "from_stage",
                        current.name(),
                        "defect_id",
                        defectId);
            }
            case SCRAP -> {
                step.status = "SCRAPPED";
                step.moved = true;
                step.event("SCRAPPED", current, "defect_id", defectId);
            }
            case USE_AS_IS -> step.status = "IN_PROGRESS";
        }
        if (disposition != Disposition.REWORK && decision.reworkStageId() != null) {
            throw new ValidationException("rework_stage_id", "is only for a REWORK disposition");
        }
        jdbc.sql("""
                        update production.defects
                           set disposition = :disposition, rework_stage_id = :stage, disposition_note = :note,
                               disposed_by = :actor, disposed_at = :at, version = version + 1
                         where org_id = :org and id = :id""")
                .param("disposition", disposition.name())
                .param("stage", reworkStage)
                .param("note", note)
                .param("actor", TenantContext.actorId().orElse(null))
                .param("at", Timestamp.from(at))
                .param("org", TenantContext.requireOrgId())
                .param("id", defectId)
                .update();
        long version = units.write(step, null, null, null);
        return new Disposed(defect(defectId), UnitChanges.view(step, version));
    }

    static Disposition disposition(String value) {
        if (value == null || value.isBlank()) {
            throw new ValidationException("disposition", "is required: REWORK, SCRAP or USE_AS_IS");
        }
        try {
            return Disposition.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("disposition", "must be REWORK, SCRAP or USE_AS_IS");
        }
    }

    static DefectView read(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        java.sql.Array photos = rs.getArray("photo_ids");
        return new DefectView(
                rs.getObject("id", UUID.class),
                rs.getObject("unit_id", UUID.class),
                rs.getString("serial"),
                rs.getObject("project_id", UUID.class),
                rs.getString("project_code"),
                rs.getObject("stage_instance_id", UUID.class),
                rs.getString("stage_name"),
                rs.getObject("station_id", UUID.class),
                rs.getString("code"),
                rs.getString("severity"),
                rs.getString("description"),
                photos == null ? List.of() : Arrays.asList((UUID[]) photos.getArray()),
                rs.getString("disposition"),
                rs.getObject("rework_stage_id", UUID.class),
                rs.getString("disposition_note"),
                rs.getObject("reported_by", UUID.class),
                UnitRow.instant(rs, "reported_at"),
                rs.getObject("disposed_by", UUID.class),
                UnitRow.instant(rs, "disposed_at"),
                rs.getLong("version"));
    }
}
