package io.traveler.production.web;

import io.traveler.production.internal.ScanBatches;
import io.traveler.production.internal.ScanGroups;
import io.traveler.production.internal.Views.BatchResult;
import io.traveler.production.internal.Views.ScanResult;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The scan station page's steps, over its signed-in session and CSRF token ({@code /api} takes tokens only, and a
 * page holds none): the same bodies, answers and problems as {@code POST /api/scan} and {@code POST /api/scan/batch},
 * through the same services.
 */
@RestController
class ScanStationSteps {
    private final ScanGroups groups;
    private final ScanBatches batches;

    ScanStationSteps(ScanGroups groups, ScanBatches batches) {
        this.groups = groups;
        this.batches = batches;
    }

    @PostMapping("/app/scan/step")
    @PreAuthorize("hasAuthority('production:scan')")
    ScanResult step(@RequestBody ScanController.ScanBody body) {
        return groups.scan(body.toScan());
    }

    @PostMapping("/app/scan/batch")
    @PreAuthorize("hasAuthority('production:scan')")
    BatchResult batch(@RequestBody ScanController.BatchBody body) {
        List<ScanBatches.Step> steps = body.steps() == null
                ? null
                : body.steps().stream()
                        .map(step -> step == null ? null : step.toStep())
                        .toList();
        return batches.apply(body.deviceId(), steps);
    }
}
