package io.traveler.production.web;

import io.traveler.accounts.Accounts;
import io.traveler.production.internal.Defects;
import io.traveler.production.internal.ProductionViews;
import io.traveler.production.internal.ProductionViews.Defect;
import io.traveler.production.internal.ProductionViews.Unit;
import io.traveler.production.internal.ProductionViews.UnitRow;
import io.traveler.production.internal.ShopFloorNames;
import io.traveler.projects.ProjectStages;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.web.Forms;
import io.traveler.shared.web.ListPages;
import io.traveler.shared.web.PageController;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The shop floor's pages: a unit's passport (also reached from its label's QR code, {@code /s/{serial}}), a
 * project's units, a station's queue board for a wall screen, the defect log, and the quality page (defects per
 * stage and code, first-pass yield, scan sessions). Reading is {@code production:read}; deciding a defect
 * ({@code production:dispose}) goes through the scan core's {@link Defects#dispose}.
 */
@PageController
class ProductionPages {
    /** Order priorities by their rank in the queue (0 low .. 3 urgent). */
    static final List<String> PRIORITIES = List.of("low", "normal", "high", "urgent");
    /** The unit page shows the passport's latest events; the API pages through all of them. */
    static final int PASSPORT_SHOWN = 500;

    private final ProductionViews views;
    private final ShopFloorNames names;
    private final Accounts accounts;
    private final Defects defects;

    ProductionPages(ProductionViews views, ShopFloorNames names, Accounts accounts, Defects defects) {
        this.views = views;
        this.names = names;
        this.accounts = accounts;
        this.defects = defects;
    }

    // --- a unit ------------------------------------------------------------------------------------------------

    /** A passport line: what happened, at which stage and station, who did it, from which device, when. */
    record EventView(
            int seq,
            String kind,
            String label,
            String stage,
            String station,
            String who,
            String device,
            String at,
            String detail) {}

    record ActionView(
            String stage,
            int entry,
            String kind,
            String value,
            Boolean withinTolerance,
            UUID documentId,
            String who,
            String at) {}

    record DefectView(
            Defect defect,
            String project,
            String stage,
            String station,
            String reportedBy,
            String reportedAt,
            String disposedBy,
            String disposedAt,
            String reworkStage,
            List<ProjectStages.Stage> stages) {}

    /** The QR code's address: a member of the unit's organization sees the unit; anyone else is told it is not there. */
    @GetMapping({"/s/{serial}", "/s/{serial}/"})
    @PreAuthorize("hasAuthority('production:read')")
    String scanned(@PathVariable String serial) {
        Unit unit = views.unitBySerial(serial).orElseThrow(() -> new NotFoundException("Unit", serial));
        return "redirect:/app/units/" + unit.id();
    }

    @GetMapping({"/app/units/{id}", "/app/units/{id}/"})
    @PreAuthorize("hasAuthority('production:read')")
    String unit(@PathVariable UUID id, Model model) {
        Unit unit = views.unit(id).orElseThrow(() -> new NotFoundException("Unit", id));
        ShopFloorNames.Lookup lookup = names.lookup();
        List<ProductionViews.Event> events = views.latestEvents(id, PASSPORT_SHOWN);
        List<ProductionViews.Action> actions = views.actions(id);
        List<Defect> defects = views.defectsOf(id);
        lookup.stations(
                Stream.concat(Stream.of(unit.stationId()), events.stream().map(ProductionViews.Event::stationId))
                        .toList());
        lookup.people(Stream.concat(
                        events.stream().map(ProductionViews.Event::actorId),
                        Stream.concat(
                                actions.stream().map(ProductionViews.Action::actorId),
                                defects.stream().flatMap(d -> Stream.of(d.reportedBy(), d.disposedBy()))))
                .toList());
        lookup.employees(
                Stream.concat(Stream.of(unit.assigneeId()), events.stream().map(ProductionViews.Event::employeeId))
                        .toList());
        model.addAttribute("unit", unit);
        model.addAttribute("project", lookup.job(unit.projectId()).orElse(null));
        model.addAttribute("projectCode", lookup.projectCode(unit.projectId()));
        model.addAttribute("stage", lookup.stageName(unit.projectId(), unit.stageInstanceId()));
        model.addAttribute("station", lookup.station(unit.stationId()));
        model.addAttribute("assignee", lookup.employee(unit.assigneeId()));
        model.addAttribute("status", words(unit.status()));
        model.addAttribute("entered", lookup.when(unit.enteredStageAt()));
        model.addAttribute("eventCount", events.isEmpty() ? 0 : events.getLast().seq());
        model.addAttribute(
                "events",
                events.stream()
                        .map(e -> new EventView(
                                e.seq(),
                                e.kind(),
                                words(e.kind()),
                                lookup.stageName(unit.projectId(), e.stageInstanceId()),
                                lookup.station(e.stationId()),
                                who(lookup, e.actorId(), e.employeeId()),
                                e.deviceId(),
                                lookup.when(e.at()),
                                e.detail() == null || e.detail().equals("{}") ? null : e.detail()))
                        .toList());
        model.addAttribute(
                "actions",
                actions.stream()
                        .map(a -> new ActionView(
                                lookup.stageName(unit.projectId(), a.stageInstanceId()),
                                a.stageEntry(),
                                words(a.kind()),
                                a.measuredValue() != null
                                        ? a.measuredValue().stripTrailingZeros().toPlainString()
                                        : a.valueText(),
                                a.withinTolerance(),
                                a.documentId(),
                                lookup.person(a.actorId()),
                                lookup.when(a.at())))
                        .toList());
        model.addAttribute(
                "defects", defects.stream().map(d -> defectView(d, lookup)).toList());
        return "production/unit";
    }

    private static String who(ShopFloorNames.Lookup lookup, UUID actorId, UUID employeeId) {
        String person = lookup.person(actorId);
        String employee = lookup.employee(employeeId);
        if (person != null && employee != null && !person.equals(employee)) {
            return person + " (" + employee + ")";
        }
        return person != null ? person : employee;
    }

    DefectView defectView(Defect d, ShopFloorNames.Lookup lookup) {
        return new DefectView(
                d,
                lookup.projectCode(d.projectId()),
                lookup.stageName(d.projectId(), d.stageInstanceId()),
                lookup.station(d.stationId()),
                lookup.person(d.reportedBy()),
                lookup.when(d.reportedAt()),
                lookup.person(d.disposedBy()),
                lookup.when(d.disposedAt()),
                lookup.stageName(d.projectId(), d.reworkStageId()),
                reworkChoices(lookup, d));
    }

    /** Where a rework may send the unit back to: its defect's stage or one before it. */
    private static List<ProjectStages.Stage> reworkChoices(ShopFloorNames.Lookup lookup, Defect d) {
        if (!d.open()) {
            return List.of();
        }
        int at = lookup.stage(d.projectId(), d.stageInstanceId())
                .map(ProjectStages.Stage::position)
                .orElse(Integer.MAX_VALUE);
        return lookup.job(d.projectId()).map(ProjectStages.Job::stages).orElse(List.of()).stream()
                .filter(s -> s.position() <= at)
                .toList();
    }

    // --- a project's units -------------------------------------------------------------------------------------

    record UnitListRow(UnitRow unit, String stage, String station, String status, String since) {}

    /** One stage's units per status, for the project page's summary. */
    record StageSummary(Integer position, String stage, String station, Map<String, Long> statuses, long total) {}

    @GetMapping({"/app/projects/{id}/units", "/app/projects/{id}/units/"})
    @PreAuthorize("hasAuthority('production:read')")
    String projectUnits(
            @PathVariable UUID id,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Integer stage,
            @RequestParam(required = false) String cursor,
            HttpServletRequest request,
            Model model) {
        ShopFloorNames.Lookup lookup = names.lookup();
        ProjectStages.Job job = lookup.job(id).orElseThrow(() -> new NotFoundException("Project", id));
        String wanted =
                status == null || status.isBlank() ? null : status.strip().toUpperCase(Locale.ROOT);
        String statusFilter = wanted != null && ProductionViews.STATUSES.contains(wanted) ? wanted : null;
        Integer stageFilter =
                stage != null && job.stages().stream().anyMatch(s -> s.position() == stage) ? stage : null;
        model.addAttribute("project", job);
        model.addAttribute("statuses", ProductionViews.STATUSES);
        model.addAttribute("stages", job.stages());
        model.addAttribute("summary", summary(job, lookup));
        return ListPages.of(request, model, "production/project-units")
                .filter("status", statusFilter)
                .filter("stage", stageFilter)
                .show(cursor, page -> {
                    var units = views.projectUnits(id, statusFilter, stageFilter, page.cursor(), page.size());
                    lookup.stations(
                            units.items().stream().map(UnitRow::stationId).toList());
                    return units.map(u -> new UnitListRow(
                            u,
                            lookup.stageName(id, u.stageInstanceId()),
                            lookup.station(u.stationId()),
                            words(u.status()),
                            lookup.when(u.enteredStageAt())));
                });
    }

    /** The project page's units section, fetched by htmx when the page loads (projects does not read production). */
    @GetMapping("/app/projects/{id}/units/summary")
    @PreAuthorize("hasAuthority('production:read')")
    String projectUnitsSummary(@PathVariable UUID id, Model model) {
        ShopFloorNames.Lookup lookup = names.lookup();
        ProjectStages.Job job = lookup.job(id).orElseThrow(() -> new NotFoundException("Project", id));
        model.addAttribute("project", job);
        model.addAttribute("statuses", ProductionViews.STATUSES);
        model.addAttribute("summary", summary(job, lookup));
        return "production/project-units :: summary";
    }

    private List<StageSummary> summary(ProjectStages.Job job, ShopFloorNames.Lookup lookup) {
        Map<Integer, Map<String, Long>> byStage = new LinkedHashMap<>();
        for (ProductionViews.StageCount count : views.stageCounts(job.projectId())) {
            byStage.computeIfAbsent(count.stagePosition(), p -> new LinkedHashMap<>())
                    .merge(count.status(), count.units(), Long::sum);
        }
        lookup.stations(
                job.stages().stream().map(ProjectStages.Stage::stationId).toList());
        List<StageSummary> rows = new ArrayList<>();
        for (ProjectStages.Stage s : job.stages()) {
            Map<String, Long> statuses = byStage.getOrDefault(s.position(), Map.of());
            rows.add(new StageSummary(
                    s.position(),
                    s.name(),
                    lookup.station(s.stationId()),
                    statuses,
                    statuses.values().stream().mapToLong(Long::longValue).sum()));
        }
        Map<String, Long> done = byStage.getOrDefault(null, Map.of());
        if (!done.isEmpty()) {
            rows.add(new StageSummary(
                    null,
                    "Done",
                    null,
                    done,
                    done.values().stream().mapToLong(Long::longValue).sum()));
        }
        return rows;
    }

    // --- a station's queue -------------------------------------------------------------------------------------

    record QueueRow(
            UnitRow unit,
            int place,
            String project,
            String stage,
            String status,
            String age,
            String due,
            String priority) {}

    @GetMapping({"/app/stations/{id}/queue", "/app/stations/{id}/queue/"})
    @PreAuthorize("hasAuthority('production:read')")
    String queue(@PathVariable UUID id, Model model) {
        Accounts.StationRef station = accounts.station(id).orElseThrow(() -> new NotFoundException("Station", id));
        ShopFloorNames.Lookup lookup = names.lookup();
        Instant now = Instant.now();
        List<UnitRow> units = views.queue(id);
        List<QueueRow> rows = new ArrayList<>();
        for (UnitRow u : units) {
            rows.add(new QueueRow(
                    u,
                    rows.size() + 1,
                    lookup.projectCode(u.projectId()),
                    lookup.stageName(u.projectId(), u.stageInstanceId()),
                    words(u.status()),
                    ShopFloorNames.span(Duration.between(u.enteredStageAt(), now)),
                    u.dueDate() == null ? null : u.dueDate().toString(),
                    PRIORITIES.get(u.priority())));
        }
        model.addAttribute("station", station);
        model.addAttribute("rows", rows);
        model.addAttribute("limit", ProductionViews.QUEUE_LIMIT);
        model.addAttribute("updated", lookup.when(now));
        return "production/queue";
    }

    // --- the defect log ----------------------------------------------------------------------------------------

    record Choice(String value, String label) {}

    @GetMapping({"/app/defects", "/app/defects/"})
    @PreAuthorize("hasAuthority('production:read')")
    String defects(
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String code,
            @RequestParam(name = "station_id", required = false) UUID stationId,
            @RequestParam(name = "project_id", required = false) UUID projectId,
            @RequestParam(required = false) String cursor,
            HttpServletRequest request,
            Model model) {
        ShopFloorNames.Lookup lookup = names.lookup();
        String wantedState = "open".equals(state) || "decided".equals(state) ? state : null;
        String wantedCode = code == null || code.isBlank() ? null : code.strip();
        var filter = new ProductionViews.DefectFilter(
                wantedState == null ? null : wantedState.equals("open"), wantedCode, stationId, projectId);
        List<UUID> stationIds = views.defectStations();
        lookup.stations(stationIds);
        model.addAttribute("codes", views.defectCodes());
        model.addAttribute(
                "stationChoices",
                stationIds.stream()
                        .map(s -> new Choice(s.toString(), lookup.station(s)))
                        .sorted(Comparator.comparing(Choice::label))
                        .toList());
        model.addAttribute(
                "projectChoices",
                views.defectProjects().stream()
                        .map(p -> new Choice(p.toString(), lookup.projectCode(p)))
                        .sorted(Comparator.comparing(Choice::label))
                        .toList());
        return ListPages.of(request, model, "production/defects")
                .filter("state", wantedState)
                .filter("code", wantedCode)
                .filter("station_id", stationId)
                .filter("project_id", projectId)
                .show(cursor, page -> {
                    var found = views.defects(filter, page.cursor(), page.size());
                    Set<UUID> people = new HashSet<>();
                    found.items().forEach(d -> {
                        people.add(d.reportedBy());
                        people.add(d.disposedBy());
                    });
                    lookup.people(people);
                    return found.map(d -> defectView(d, lookup));
                });
    }

    /** A decision on an open defect, from the defect log; the scan core's disposition moves the unit. */
    @PostMapping({"/app/defects/{id}/disposition", "/app/defects/{id}/disposition/"})
    @PreAuthorize("hasAuthority('production:dispose')")
    String dispose(
            @PathVariable UUID id,
            @RequestParam(required = false) String disposition,
            @RequestParam(name = "rework_stage_id", required = false) UUID reworkStageId,
            @RequestParam(required = false) String note,
            RedirectAttributes flash) {
        String decided = disposition == null ? "" : disposition.strip().toUpperCase(Locale.ROOT);
        return Forms.act(
                flash,
                "/app/defects",
                "Decided: " + words(decided) + ".",
                () -> defects.dispose(
                        id,
                        new Defects.Decision(decided, decided.equals("REWORK") ? reworkStageId : null, note),
                        ExpectedVersion.none()));
    }

    // --- quality and sessions ----------------------------------------------------------------------------------

    record DefectCountRow(String project, String stage, String code, long defects, long open) {}

    record YieldRow(String project, String stage, long completed, long firstPass, String percent) {}

    record SessionRow(
            ProductionViews.Session session,
            String operator,
            String station,
            String started,
            String ended,
            String pace) {}

    record StationQueue(UUID stationId, String station, long units) {}

    @GetMapping({"/app/production", "/app/production/"})
    @PreAuthorize("hasAuthority('production:read')")
    String production(@RequestParam(name = "station_id", required = false) UUID stationId, Model model) {
        ShopFloorNames.Lookup lookup = names.lookup();
        Map<UUID, Long> queues = views.queueLengths();
        lookup.stations(queues.keySet());
        model.addAttribute(
                "queues",
                queues.entrySet().stream()
                        .map(e -> new StationQueue(e.getKey(), lookup.station(e.getKey()), e.getValue()))
                        .toList());
        model.addAttribute(
                "defectCounts",
                views.defectCounts().stream()
                        .map(c -> new DefectCountRow(
                                lookup.projectCode(c.projectId()),
                                lookup.stageName(c.projectId(), c.stageInstanceId()),
                                c.code(),
                                c.defects(),
                                c.open()))
                        .toList());
        model.addAttribute(
                "yields",
                views.yields().stream()
                        .map(y -> new YieldRow(
                                lookup.projectCode(y.projectId()),
                                lookup.stageName(y.projectId(), y.stageInstanceId()),
                                y.completed(),
                                y.firstPass(),
                                percent(y.firstPass(), y.completed())))
                        .sorted(Comparator.comparing(YieldRow::project).thenComparing(YieldRow::stage))
                        .toList());
        List<ProductionViews.Session> sessions = views.sessions(stationId);
        lookup.people(sessions.stream().map(ProductionViews.Session::userId).toList());
        lookup.stations(
                sessions.stream().map(ProductionViews.Session::stationId).toList());
        Instant now = Instant.now();
        model.addAttribute(
                "sessions",
                sessions.stream()
                        .map(s -> new SessionRow(
                                s,
                                who(lookup, s.userId(), s.employeeId()),
                                lookup.station(s.stationId()),
                                lookup.when(s.startedAt()),
                                lookup.when(s.endedAt()),
                                pace(s, now)))
                        .toList());
        model.addAttribute("stationId", stationId);
        return "production/production";
    }

    /** Steps per hour over the session's span (to its end, or its last step while it is open). */
    static String pace(ProductionViews.Session s, Instant now) {
        Instant end = s.endedAt() != null ? s.endedAt() : s.lastAt();
        long seconds = Duration.between(s.startedAt(), end == null ? now : end).toSeconds();
        if (s.steps() == 0 || seconds < 60) {
            return "—";
        }
        return BigDecimal.valueOf(s.steps() * 3600L)
                        .divide(BigDecimal.valueOf(seconds), 1, RoundingMode.HALF_UP)
                        .toPlainString()
                + " / h";
    }

    static String percent(long part, long whole) {
        if (whole == 0) {
            return "—";
        }
        return BigDecimal.valueOf(part * 100L)
                        .divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP)
                        .toPlainString()
                + " %";
    }

    /** IN_PROGRESS → "in progress". */
    static String words(String code) {
        return code == null ? null : code.toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
