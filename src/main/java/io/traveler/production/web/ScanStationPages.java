package io.traveler.production.web;

import io.traveler.accounts.Accounts;
import java.util.UUID;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The scan station: a phone or a keyboard-wedge scanner at a station. The page is a shell ({@code
 * static/js/scan-station.js} does the work): it takes a code, posts the operator's step as JSON to {@code
 * /app/scan/step} (or, when offline, queues it and later posts the queue to {@code /app/scan/batch}) and shows the
 * answer and the unit's latest passport lines. An installable web app: its manifest and service worker are served
 * under {@code /app/scan} so the worker's scope is the page.
 */
@io.traveler.shared.web.PageController
class ScanStationPages {
    private static final Resource SERVICE_WORKER = new ClassPathResource("static/js/scan-sw.js");
    private static final Resource ICON = new ClassPathResource("static/img/scan-icon.svg");

    private final Accounts accounts;
    private final ScanStationPassport passports;

    ScanStationPages(Accounts accounts, ScanStationPassport passports) {
        this.accounts = accounts;
        this.passports = passports;
    }

    @GetMapping("/app/scan")
    @PreAuthorize("hasAuthority('production:scan')")
    String station(@RequestParam(name = "station_id", required = false) UUID stationId, Model model) {
        model.addAttribute(
                "stations",
                accounts.allStations().stream()
                        .filter(Accounts.StationRef::active)
                        .toList());
        model.addAttribute("stationId", stationId);
        return "production/scan";
    }

    /** The unit's card on the scan page: where it is, and its latest passport lines (re-read live). */
    @GetMapping("/app/scan/units/{id}/passport")
    @PreAuthorize("hasAuthority('production:read')")
    String passport(@PathVariable UUID id, Model model) {
        model.addAttribute("passport", passports.of(id));
        return "production/scan-passport :: passport";
    }

    /** Served here rather than under /js so that its scope may be /app/scan (Service-Worker-Allowed). */
    @GetMapping(value = "/app/scan/sw.js", produces = "text/javascript")
    @PreAuthorize("hasAuthority('production:scan')")
    ResponseEntity<Resource> serviceWorker() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noCache())
                .header("Service-Worker-Allowed", "/app/scan")
                .contentType(MediaType.parseMediaType("text/javascript"))
                .body(SERVICE_WORKER);
    }

    @GetMapping(value = "/app/scan/manifest.webmanifest", produces = "application/manifest+json")
    @PreAuthorize("hasAuthority('production:scan')")
    ResponseEntity<String> manifest() {
        String manifest = """
                {
                  "name": "Traveler scan station",
                  "short_name": "Scan",
                  "description": "Scan units at a station, online or offline",
                  "id": "/app/scan",
                  "start_url": "/app/scan",
                  "scope": "/app/scan",
                  "display": "standalone",
                  "orientation": "portrait",
                  "background_color": "#f5f6f8",
                  "theme_color": "#1f6f8b",
                  "icons": [
                    {"src": "/app/scan/icon.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any"}
                  ]
                }
                """;
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noCache())
                .contentType(MediaType.parseMediaType("application/manifest+json"))
                .body(manifest);
    }

    @GetMapping(value = "/app/scan/icon.svg", produces = "image/svg+xml")
    @PreAuthorize("hasAuthority('production:scan')")
    ResponseEntity<Resource> icon() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofDays(1)))
                .contentType(MediaType.parseMediaType("image/svg+xml"))
                .body(ICON);
    }
}
