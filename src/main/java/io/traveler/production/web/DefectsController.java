package io.traveler.production.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.production.internal.Defects;
import io.traveler.production.internal.Defects.DefectView;
import io.traveler.production.internal.Defects.Disposed;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.web.Versions;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Defects found on units (reported by a scan, {@code report_defect}) and their dispositions. Severity and disposition
 * are upper case ({@code MAJOR}, {@code REWORK}), accepted in any case.
 */
@Tag(name = "Shop floor")
@RestController
class DefectsController {
    private final Defects defects;

    DefectsController(Defects defects) {
        this.defects = defects;
    }

    record DispositionBody(String disposition, UUID reworkStageId, String note) {}

    @Operation(summary = "List defects, newest first (filter by project, station, code, open = not yet decided)")
    @GetMapping("/api/defects")
    @PreAuthorize("hasAuthority('production:read')")
    ItemList<DefectView> list(
            @RequestParam(name = "project_id", required = false) UUID projectId,
            @RequestParam(name = "station_id", required = false) UUID stationId,
            @RequestParam(required = false) String code,
            @RequestParam(required = false) Boolean open,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return defects.list(
                new Defects.Filter(projectId, stationId, code == null || code.isBlank() ? null : code.strip(), open),
                UnitsController.limit(limit),
                cursor);
    }

    @Operation(summary = "Get a defect")
    @GetMapping("/api/defects/{id}")
    @PreAuthorize("hasAuthority('production:read')")
    ResponseEntity<DefectView> get(@PathVariable UUID id) {
        DefectView defect = defects.defect(id);
        return Versions.ok(defect.version(), defect);
    }

    @Operation(
            summary = "Decide a defect: REWORK (back to a stage at or before the unit's), SCRAP or USE_AS_IS",
            description = "REWORK needs `rework_stage_id` (a stage instance of the unit's project); the unit enters it"
                    + " again in REWORK status. SCRAP scraps the unit; USE_AS_IS puts it back IN_PROGRESS where it is."
                    + " 409 when the defect was already decided.")
    @PostMapping("/api/defects/{id}/disposition")
    @PreAuthorize("hasAuthority('production:dispose')")
    ResponseEntity<Disposed> dispose(
            @PathVariable UUID id, ExpectedVersion expected, @RequestBody DispositionBody body) {
        Disposed disposed = defects.dispose(
                id, new Defects.Decision(body.disposition(), body.reworkStageId(), body.note()), expected);
        return Versions.ok(disposed.defect().version(), disposed);
    }
}
