package io.traveler.production.internal;

import io.traveler.accounts.Accounts;
import io.traveler.production.internal.Line.StageRef;
import io.traveler.production.internal.ScanSessions.Session;
import io.traveler.production.internal.Views.MissingAction;
import io.traveler.production.internal.Views.Next;
import io.traveler.production.internal.Views.ScanResult;
import io.traveler.production.internal.Views.StageView;
import io.traveler.shared.Ids;
import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.security.Callers;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.workflows.Workflows.StageAction;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.UriUtils;

/**
 * A scan at a station: one call takes the unit's code, the station and what the operator means, checks that the
 * unit is the caller's organization's (else 404), sits at a stage of that station, that its project is ACTIVE and
 * its status allows the step (else 409 with the reason), and applies it in the caller's transaction: the unit's
 * row locked, one UPDATE, its passport events appended, the live feed told. A {@code start} reads nothing but the
 * locked unit and the operator's session; the stage actions come from memory ({@link Lines}).
 */
@Service
public class ScanService {
    static final int MAX_CODE = 500;
    static final int MAX_TEXT = 2000;
    static final Pattern DEFECT_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,39}");
    static final String WEB_DEVICE = "web";

    private final JdbcClient jdbc;
    private final Lines lines;
    private final UnitChanges units;
    private final ScanSessions sessions;
    private final Accounts accounts;

    private final UnitPhotos photos;
    private final Callers callers;

    ScanService(
            JdbcClient jdbc,
            Lines lines,
            UnitChanges units,
            ScanSessions sessions,
            Accounts accounts,
            UnitPhotos photos,
            Callers callers) {
        this.photos = photos;
        this.jdbc = jdbc;
        this.lines = lines;
        this.units = units;
        this.sessions = sessions;
        this.accounts = accounts;
        this.callers = callers;
    }

    @Transactional
    public ScanResult scan(Scan scan) {
        return apply(scan, UnitChanges.now(), null, device(scan.deviceId()));
    }

    /** Applies one scan in the current transaction, as if it happened {@code at}; refusals change nothing. */
    public ScanResult apply(Scan scan, Instant at, String stepId, String device) {
        ScanAction action = action(scan);
        String serial = serialOf(scan.code());
        UnitRow unit = units.lockBySerial(serial).orElseThrow(() -> new NotFoundException("Unit", serial));
        Decided decided = decide(scan, action, unit, at);
        UnitStep step = decided.step();
        Session session = TenantContext.actorId()
                .map(user -> sessions.continueOrOpen(TenantContext.requireOrgId(), user, scan.stationId(), device, at))
                .orElse(null);
        long version = units.write(step, session, device, stepId);
        return result(decided, version);
    }

    /** The answer to a written scan: the unit at {@code version}, its stage, and what comes next. */
    ScanResult result(Decided decided, long version) {
        UnitStep step = decided.step();
        List<MissingAction> missing = decided.missing() == null ? missing(step) : decided.missing();
        return new ScanResult(
                UnitChanges.view(step, version), StageView.of(step.stage), next(step, decided.line(), missing));
    }

    /**
     * Scans decided one after another on units locked at once, then written together: what a group of live scans and
     * an offline batch share. The units are locked in id order ({@link UnitChanges#lockBySerials}), so two runs never
     * wait on each other; each scan sees its unit as the scans before it in the run left it.
     */
    Run run(java.util.Collection<String> serials, String device) {
        return new Run(
                units.lockBySerials(serials),
                sessions.stretch(
                        TenantContext.requireOrgId(), TenantContext.actorId().orElse(null), device),
                device);
    }

    /** A run of scans on locked units: {@link #decide} each in turn, then {@link #write} them all. */
    final class Run {
        private final Map<String, UnitRow> locked;
        private final ScanSessions.Stretch stretch;
        private final String device;
        private final List<UnitChanges.Pending> pending = new ArrayList<>();

        private Run(Map<String, UnitRow> locked, ScanSessions.Stretch stretch, String device) {
            this.locked = locked;
            this.stretch = stretch;
            this.device = device;
        }

        /**
         * Decides the scan of {@code serial} on its unit as the run has left it and keeps the step for {@link #write};
         * a refusal (404 for a unit the run did not lock, 409 for a step not allowed) keeps nothing.
         */
        Decided decide(Scan scan, ScanAction action, String serial, Instant at, String stepId) {
            UnitRow unit = locked.get(serial);
            if (unit == null) {
                throw new NotFoundException("Unit", serial);
            }
            Decided decided = ScanService.this.decide(scan, action, unit, at);
            Session session = stretch.at(scan.stationId(), at);
            pending.add(new UnitChanges.Pending(
                    decided.step(),
                    session == null ? null : session.id(),
                    session == null ? null : session.employeeId(),
                    stepId));
            locked.put(serial, decided.step().after());
            return decided;
        }

        /** Writes every kept step at once and stretches the run's scan sessions to its latest steps. */
        void write() {
            units.writeAll(pending, device);
            stretch.close();
        }
    }

    /** A scan worked out on a locked unit: the step to write, the unit's line, and the actions still missing. */
    public record Decided(UnitStep step, Line line, List<MissingAction> missing) {}

    /** The scan's action, its station required: what can be refused before any unit is read. */
    static ScanAction action(Scan scan) {
        ScanAction action = ScanAction.parse("action", scan.action());
        if (scan.stationId() == null) {
            throw new ValidationException("station_id", "is required: the station scanning");
        }
        return action;
    }

    /**
     * Checks the scan against the locked unit and works out its step; refuses (nothing written) or writes only what
     * the step records besides the unit (a stage action, a defect) after every check has passed.
     */
    public Decided decide(Scan scan, ScanAction action, UnitRow unit, Instant at) {
        Line line = lines.of(unit.projectId());
        StageRef stage = unit.stageInstanceId() == null
                ? null
                : line.stage(unit.stageInstanceId()).orElseThrow();
        requireScannable(unit, stage, scan.stationId());
        UnitStep step = new UnitStep(unit, stage, at);
        List<MissingAction> missing =
                switch (action) {
                    case START -> start(step);
                    case COMPLETE -> complete(step, line);
                    case RECORD_ACTION -> record(step, scan);
                    case REPORT_DEFECT -> reportDefect(step, scan.defect());
                    case HOLD -> hold(step, scan.reason());
                    case RELEASE -> release(step);
                };
        return new Decided(step, line, missing);
    }

    // --- the steps -------------------------------------------------------------------------------------------

    private List<MissingAction> start(UnitStep step) {
        requireStatus(step, "start", "QUEUED", "REWORK");
        step.status = "IN_PROGRESS";
        if (step.startedAt == null) {
            step.startedAt = step.at;
        }
        step.event("STARTED", step.stage, "entry", step.stageEntry);
        return required(step);
    }

    private List<MissingAction> complete(UnitStep step, Line line) {
        requireStatus(step, "complete", "IN_PROGRESS");
        List<MissingAction> missing = missing(step);
        if (!missing.isEmpty()) {
            throw new MissingActionsException(step.before.serial(), step.stage.name(), missing);
        }
        StageRef from = step.stage;
        step.event("COMPLETED_STAGE", from, "entry", step.stageEntry);
        StageRef next = line.after(from.position()).orElse(null);
        if (next == null) {
            step.status = "COMPLETED";
            step.completedAt = step.at;
            step.moved = true;
            step.event("COMPLETED", from);
            return List.of();
        }
        step.enter(next, units.entries(step.before.id(), next.id()) + 1, "QUEUED");
        step.event("MOVED", next, "from_stage_instance_id", from.id(), "from_stage", from.name());
        return required(step);
    }

    private List<MissingAction> record(UnitStep step, Scan scan) {
        requireStatus(step, "record an action on", "IN_PROGRESS");
        if (scan.actionId() == null) {
            throw new ValidationException("action_id", "is required: the stage action recorded");
        }
        StageAction action = actionsOf(step).stream()
                .filter(a -> a.id().equals(scan.actionId()))
                .findFirst()
                .orElseThrow(() ->
                        new ValidationException("action_id", "is not an action of the stage " + step.stage.name()));
        String value = text("value", scan.value());
        BigDecimal measured = null;
        Boolean within = null;
        UUID document = null;
        switch (action.kind()) {
            case SCAN -> {
                if (value == null) {
                    throw new ValidationException("value", "is required: the scanned code");
                }
            }
            case MEASUREMENT -> {
                measured = scan.measuredValue();
                if (measured == null) {
                    throw new ValidationException("measured_value", "is required");
                }
                if (measured.abs().compareTo(new BigDecimal("1000000000000")) >= 0
                        || measured.stripTrailingZeros().scale() > 6) {
                    throw new ValidationException("measured_value", "must be below 10^12 with at most 6 decimals");
                }
                within = withinTolerance(action, measured);
            }
            case PHOTO -> {
                document = scan.documentId();
                if (document == null) {
                    throw new ValidationException("document_id", "is required: the photo's document");
                }
                photos.requireExisting("document_id", List.of(document));
            }
            case SIGN_OFF -> {
                if (action.permission() != null && !action.permission().isBlank()) {
                    callers.require(action.permission(), "Signing off " + action.label());
                }
            }
            case CHECKLIST -> {}
        }
        jdbc.sql("""
                        insert into production.unit_actions (org_id, id, unit_id, stage_instance_id, stage_entry,
                                action_id, kind, value_text, measured_value, within_tolerance, document_id, actor_id, at)
                        values (:org, :id, :unit, :stage, :entry, :action, :kind, :value, :measured, :within,
                                :document, :actor, :at)
                        on conflict (org_id, unit_id, stage_instance_id, stage_entry, action_id) do update
                           set value_text = excluded.value_text, measured_value = excluded.measured_value,
                               within_tolerance = excluded.within_tolerance, document_id = excluded.document_id,
                               actor_id = excluded.actor_id, at = excluded.at""")
                .param("org", TenantContext.requireOrgId())
                .param("id", Ids.newId())
                .param("unit", step.before.id())
                .param("stage", step.stage.id())
                .param("entry", step.stageEntry)
                .param("action", action.id())
                .param("kind", action.kind().name())
                .param("value", value)
                .param("measured", measured)
                .param("within", within)
                .param("document", document)
                .param("actor", TenantContext.actorId().orElse(null))
                .param("at", Timestamp.from(step.at))
                .update();
        step.event(
                "ACTION_RECORDED",
                step.stage,
                "action_id",
                action.id(),
                "kind",
                action.kind().name(),
                "label",
                action.label(),
                "value",
                value,
                "measured_value",
                measured,
                "within_tolerance",
                within,
                "document_id",
                document,
                "entry",
                step.stageEntry);
        return null;
    }

    private List<MissingAction> reportDefect(UnitStep step, Scan.DefectReport report) {
        if (step.status.equals("DEFECTIVE")) {
            throw new ConflictException("Unit " + step.before.serial()
                    + " already has a defect waiting for a decision; dispose of it first");
        }
        requireStatus(step, "report a defect on", "QUEUED", "IN_PROGRESS", "REWORK");
        if (report == null) {
            throw new ValidationException("defect", "is required: code, severity, description, photo_ids");
        }
        String code = report.code() == null ? null : report.code().strip();
        if (code == null || !DEFECT_CODE.matcher(code).matches()) {
            throw new ValidationException(
                    "defect.code",
                    "is required: 1 to 40 letters, digits, '_', '.' or '-', starting with a letter or digit");
        }
        String severity = severity(report.severity());
        String description = text("defect.description", report.description(), 4000);
        List<UUID> photos = report.photoIds() == null ? List.of() : report.photoIds();
        if (photos.size() > 20) {
            throw new ValidationException("defect.photo_ids", "must name at most 20 photos");
        }
        if (photos.stream().anyMatch(java.util.Objects::isNull)) {
            throw new ValidationException("defect.photo_ids", "must name documents, not null");
        }
        this.photos.requireExisting("defect.photo_ids", photos);
        UUID defect = Ids.newId();
        jdbc.sql("""
                        insert into production.defects (org_id, id, unit_id, project_id, stage_instance_id, station_id,
                                code, severity, description, photo_ids, reported_by, reported_at)
                        values (:org, :id, :unit, :project, :stage, :station, :code, :severity, :description,
                                :photos, :actor, :at)""")
                .param("org", TenantContext.requireOrgId())
                .param("id", defect)
                .param("unit", step.before.id())
                .param("project", step.before.projectId())
                .param("stage", step.stage.id())
                .param("station", step.stage.stationId())
                .param("code", code)
                .param("severity", severity)
                .param("description", description)
                .param("photos", photos.toArray(UUID[]::new))
                .param("actor", TenantContext.actorId().orElse(null))
                .param("at", Timestamp.from(step.at))
                .update();
        step.status = "DEFECTIVE";
        step.event("DEFECT_REPORTED", step.stage, "defect_id", defect, "code", code, "severity", severity);
        return List.of();
    }

    private List<MissingAction> hold(UnitStep step, String reason) {
        requireStatus(step, "hold", "QUEUED", "IN_PROGRESS", "REWORK");
        step.heldFrom = step.status;
        step.status = "ON_HOLD";
        step.event("HELD", step.stage, "reason", text("reason", reason), "from", step.heldFrom);
        return List.of();
    }

    private List<MissingAction> release(UnitStep step) {
        requireStatus(step, "release", "ON_HOLD");
        step.status = step.heldFrom;
        step.heldFrom = null;
        step.event("RELEASED", step.stage, "to", step.status);
        return null;
    }

    // --- checks ----------------------------------------------------------------------------------------------

    private void requireScannable(UnitRow unit, StageRef stage, UUID stationId) {
        if (unit.finished()) {
            throw new ConflictException("Unit " + unit.serial() + " is " + unit.status() + ": it is not scanned again");
        }
        if (!unit.stationId().equals(stationId)) {
            accounts.station(stationId).orElseThrow(() -> NotFoundException.of("Station", stationId));
            String owner = accounts.station(unit.stationId())
                    .map(Accounts.StationRef::name)
                    .orElse(unit.stationId().toString());
            throw new ConflictException("Unit " + unit.serial() + " is at " + stage.name() + " (station " + owner
                    + "), not at this station");
        }
        if (!unit.projectStatus().equals("ACTIVE")) {
            throw new ConflictException("Project " + unit.projectCode() + " is " + unit.projectStatus()
                    + ": its units are scanned only while it is ACTIVE");
        }
    }

    private static void requireStatus(UnitStep step, String doing, String... allowed) {
        for (String status : allowed) {
            if (status.equals(step.status)) {
                return;
            }
        }
        throw new ConflictException("Cannot " + doing + " unit " + step.before.serial() + ": it is " + step.status
                + " at " + step.stage.name() + " (needs " + String.join(" or ", allowed) + ")");
    }

    // --- what is missing and what comes next -----------------------------------------------------------------

    private List<StageAction> actionsOf(UnitStep step) {
        StageRef stage = step.stage;
        return lines.actions(step.before.workflowId(), stage.stageId());
    }

    /** Every required action of the step's stage: what a fresh entry still misses. */
    private List<MissingAction> required(UnitStep step) {
        return actionsOf(step).stream()
                .filter(StageAction::required)
                .map(a -> new MissingAction(a.id(), a.kind().name(), a.label()))
                .toList();
    }

    /** The required actions of the unit's current entry with no record, or a measurement out of tolerance. */
    List<MissingAction> missing(UnitStep step) {
        if (step.finished() || step.stage == null) {
            return List.of();
        }
        List<MissingAction> required = required(step);
        if (required.isEmpty()) {
            return required;
        }
        Map<UUID, Boolean> recorded = jdbc
                .sql("""
                        select action_id, coalesce(within_tolerance, true) as ok from production.unit_actions
                         where org_id = :org and unit_id = :unit and stage_instance_id = :stage
                           and stage_entry = :entry""")
                .param("org", TenantContext.requireOrgId())
                .param("unit", step.before.id())
                .param("stage", step.stage.id())
                .param("entry", step.stageEntry)
                .query((rs, n) -> Map.entry(rs.getObject("action_id", UUID.class), rs.getBoolean("ok")))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        List<MissingAction> missing = new ArrayList<>();
        for (MissingAction action : required) {
            Boolean ok = recorded.get(action.id());
            if (ok == null) {
                missing.add(action);
            } else if (!ok) {
                missing.add(new MissingAction(action.id(), action.kind(), action.label() + " (out of tolerance)"));
            }
        }
        return missing;
    }

    static Next next(UnitStep step, Line line, List<MissingAction> missing) {
        if (step.finished()) {
            return new Next(null, List.of(), null, null, true);
        }
        StageRef after = line.after(step.stage.position()).orElse(null);
        String action =
                switch (step.status) {
                    case "QUEUED", "REWORK" -> "start";
                    case "ON_HOLD" -> "release";
                    case "DEFECTIVE" -> "dispose";
                    default -> missing.isEmpty() ? "complete" : "record_action";
                };
        return new Next(action, missing, StageView.of(after), after == null ? null : after.stationId(), false);
    }

    // --- input -----------------------------------------------------------------------------------------------

    /** The serial a code names: the bare serial, or the label's URL ({@code …/s/{serial}}, URL-decoded). */
    static String serialOf(String code) {
        if (code == null || code.isBlank()) {
            throw new ValidationException("code", "is required: the unit's serial or its label's URL");
        }
        if (code.length() > MAX_CODE) {
            throw new ValidationException("code", "must be at most " + MAX_CODE + " characters");
        }
        String serial = code.strip();
        int path = serial.lastIndexOf("/s/");
        if (path >= 0) {
            serial = serial.substring(path + 3);
            int end = indexOfAny(serial, '?', '#', '/');
            if (end >= 0) {
                serial = serial.substring(0, end);
            }
            try {
                serial = UriUtils.decode(serial, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new ValidationException("code", "is not a label URL: its serial is not URL-encoded");
            }
        }
        if (serial.isBlank()) {
            throw new ValidationException("code", "names no serial");
        }
        return serial;
    }

    private static int indexOfAny(String text, char... chars) {
        for (int i = 0; i < text.length(); i++) {
            for (char c : chars) {
                if (text.charAt(i) == c) {
                    return i;
                }
            }
        }
        return -1;
    }

    static String device(String deviceId) {
        if (deviceId == null || deviceId.isBlank()) {
            return WEB_DEVICE;
        }
        if (deviceId.length() > 100) {
            throw new ValidationException("device_id", "must be at most 100 characters");
        }
        return deviceId.strip();
    }

    static String severity(String severity) {
        if (severity == null || severity.isBlank()) {
            throw new ValidationException("defect.severity", "is required: MINOR, MAJOR or CRITICAL");
        }
        String upper = severity.strip().toUpperCase(Locale.ROOT);
        if (!Set.of("MINOR", "MAJOR", "CRITICAL").contains(upper)) {
            throw new ValidationException("defect.severity", "must be MINOR, MAJOR or CRITICAL");
        }
        return upper;
    }

    static boolean withinTolerance(StageAction action, BigDecimal measured) {
        if (action.targetValue() == null || action.tolerance() == null) {
            return true;
        }
        return measured.subtract(action.targetValue())
                        .abs()
                        .compareTo(action.tolerance().abs())
                <= 0;
    }

    static String text(String field, String value) {
        return text(field, value, MAX_TEXT);
    }

    static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > max) {
            throw new ValidationException(field, "must be at most " + max + " characters");
        }
        return value.strip();
    }
}
