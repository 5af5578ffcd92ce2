package io.traveler.production.web;

import io.traveler.production.internal.ScanService;
import io.traveler.production.internal.Views.ScanResult;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The scan station page's steps, over its signed-in session and CSRF token ({@code /api} takes tokens only, and a
 * page holds none): the same bodies, answers and problems as {@code POST /api/scan}, through the same service.
 */
@RestController
class ScanStationSteps {
    private final ScanService scans;

    ScanStationSteps(ScanService scans) {
        this.scans = scans;
    }

    @PostMapping("/app/scan/step")
    @PreAuthorize("hasAuthority('production:scan')")
    ScanResult step(@RequestBody ScanController.ScanBody body) {
        return scans.scan(body.toScan());
    }
}
