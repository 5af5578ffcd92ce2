package io.traveler.production.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.production.internal.MissingActionsException;
import io.traveler.production.internal.Scan;
import io.traveler.production.internal.ScanBatches;
import io.traveler.production.internal.ScanGroups;
import io.traveler.production.internal.Views.BatchResult;
import io.traveler.production.internal.Views.ScanResult;
import io.traveler.shared.web.Problems;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Scanning at a station: {@code POST /api/scan} applies one step now. The {@code action} is lower case
 * ({@code start}, {@code complete}, {@code record_action}, {@code report_defect}, {@code hold}, {@code release}),
 * accepted in any case; a step not allowed here or now is 409 with the reason in {@code detail}.
 */
@Tag(name = "Shop floor")
@RestController
class ScanController {
    private final ScanGroups groups;
    private final ScanBatches batches;

    ScanController(ScanGroups groups, ScanBatches batches) {
        this.groups = groups;
        this.batches = batches;
    }

    record StepBody(
            String stepId,
            Instant at,
            String code,
            UUID stationId,
            String action,
            UUID actionId,
            String value,
            BigDecimal measuredValue,
            UUID documentId,
            DefectBody defect,
            String reason) {
        ScanBatches.Step toStep() {
            return new ScanBatches.Step(
                    stepId,
                    at,
                    new ScanBody(
                                    code,
                                    stationId,
                                    action,
                                    actionId,
                                    value,
                                    measuredValue,
                                    documentId,
                                    defect,
                                    reason,
                                    null)
                            .toScan());
        }
    }

    record BatchBody(String deviceId, List<StepBody> steps) {}

    record DefectBody(String code, String severity, String description, List<UUID> photoIds) {}

    record ScanBody(
            String code,
            UUID stationId,
            String action,
            UUID actionId,
            String value,
            BigDecimal measuredValue,
            UUID documentId,
            DefectBody defect,
            String reason,
            String deviceId) {
        Scan toScan() {
            return new Scan(
                    code,
                    stationId,
                    action,
                    actionId,
                    value,
                    measuredValue,
                    documentId,
                    defect == null
                            ? null
                            : new Scan.DefectReport(
                                    defect.code(), defect.severity(), defect.description(), defect.photoIds()),
                    reason,
                    deviceId);
        }
    }

    @Operation(
            summary = "Scan a unit at a station: start, complete, record an action, report a defect, hold or release",
            description = "`code` is the unit's serial or its label's URL (…/s/{serial}). 404 for a code of no unit of"
                    + " the caller's organization; 409 with the reason in `detail` when the step is not allowed here"
                    + " or now (another station's unit, a status that does not allow it, required actions missing:"
                    + " listed in `missing`, a project not ACTIVE). 429 with `Retry-After` when the same device already"
                    + " has as many scans waiting to be written as it may (send many at once as an offline batch).")
    @PostMapping("/api/scan")
    @PreAuthorize("hasAuthority('production:scan')")
    ScanResult scan(@RequestBody ScanBody body) {
        return groups.scan(body.toScan());
    }

    @Operation(
            summary = "Upload an offline device's queued steps: applied in the order sent, each once",
            description = "Each step answers APPLIED, DUPLICATE (this device's step id was seen before, applied or"
                    + " refused) or CONFLICT with the reason (not allowed now: the unit moved on). At most "
                    + ScanBatches.MAX_STEPS + " steps; a step's `at` is kept as the event time (clamped to the"
                    + " last 7 days, never in the future).")
    @PostMapping("/api/scan/batch")
    @PreAuthorize("hasAuthority('production:scan')")
    BatchResult batch(@RequestBody BatchBody body) {
        List<ScanBatches.Step> steps = body.steps() == null
                ? null
                : body.steps().stream()
                        .map(step -> step == null ? null : step.toStep())
                        .toList();
        return batches.apply(body.deviceId(), steps);
    }

    @ExceptionHandler(MissingActionsException.class)
    ResponseEntity<ProblemDetail> missing(MissingActionsException e) {
        var answer = Problems.answerTo(e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(answer.status(), e.getMessage());
        problem.setType(answer.type());
        problem.setTitle(answer.title());
        problem.setProperty("missing", e.missing());
        problem.setProperty(
                "errors",
                e.errors().stream()
                        .map(f -> Map.of("field", f.field(), "message", f.message()))
                        .toList());
        return ResponseEntity.status(answer.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
