package io.traveler.settings.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.settings.OrganizationSettings;
import io.traveler.settings.internal.NumberingSeries;
import io.traveler.settings.internal.SettingsService;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.web.Versions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Settings", description = "Organization settings and numbering series")
@RestController
@RequestMapping("/api/settings")
class SettingsController {
    private final SettingsService settings;

    SettingsController(SettingsService settings) {
        this.settings = settings;
    }

    record SettingsView(
            UUID orgId, String timezone, String currency, BigDecimal defaultHourlyRate, boolean mfaRequired) {
        static SettingsView of(OrganizationSettings.Snapshot s) {
            return new SettingsView(s.orgId(), s.timezone(), s.currency(), s.defaultHourlyRate(), s.mfaRequired());
        }
    }

    record SettingsChange(
            @Size(max = 64) String timezone,

            @Pattern(regexp = "[A-Z]{3}", message = "must be a 3-letter ISO 4217 code")
            String currency,

            @DecimalMin(value = "0", message = "must not be negative")
            BigDecimal defaultHourlyRate,

            Boolean mfaRequired) {}

    record SeriesView(String key, String prefix, long nextNumber, int padding) {
        static SeriesView of(NumberingSeries s) {
            return new SeriesView(s.key(), s.prefix(), s.nextNumber(), s.padding());
        }
    }

    record SeriesCreate(
            @NotBlank @Pattern(regexp = "[a-z][a-z0-9_-]{0,49}", message = "lower-case letters, digits, _ and -")
            String key,

            @Size(max = 30) String prefix,
            @Min(1) Long nextNumber,
            @Min(1) @Max(12) Integer padding) {}

    record SeriesChange(
            @Size(max = 30) String prefix,
            @Min(1) Long nextNumber,
            @Min(1) @Max(12) Integer padding) {}

    @Operation(summary = "Get the organization's settings")
    @GetMapping
    @PreAuthorize("hasAuthority('settings:read')")
    ResponseEntity<SettingsView> get() {
        var snapshot = settings.current();
        return Versions.ok(snapshot.version(), SettingsView.of(snapshot));
    }

    @Operation(summary = "Change the organization's settings")
    @PatchMapping
    @PreAuthorize("hasAuthority('settings:update')")
    ResponseEntity<SettingsView> change(ExpectedVersion expected, @Valid @RequestBody SettingsChange change) {
        var snapshot = settings.change(
                expected, change.timezone(), change.currency(), change.defaultHourlyRate(), change.mfaRequired());
        return Versions.ok(snapshot.version(), SettingsView.of(snapshot));
    }

    @Operation(summary = "List numbering series")
    @GetMapping("/numbering-series")
    @PreAuthorize("hasAuthority('settings:read')")
    ItemList<SeriesView> series() {
        return new ItemList<>(settings.allSeries().stream().map(SeriesView::of).toList(), null);
    }

    @Operation(summary = "Create a numbering series")
    @PostMapping("/numbering-series")
    @PreAuthorize("hasAuthority('settings:update')")
    ResponseEntity<SeriesView> createSeries(@Valid @RequestBody SeriesCreate create) {
        var series = settings.createSeries(create.key(), create.prefix(), create.nextNumber(), create.padding());
        return Versions.created(series.version(), SeriesView.of(series));
    }

    @Operation(summary = "Get a numbering series")
    @GetMapping("/numbering-series/{key}")
    @PreAuthorize("hasAuthority('settings:read')")
    ResponseEntity<SeriesView> oneSeries(@PathVariable String key) {
        var series = settings.series(key);
        return Versions.ok(series.version(), SeriesView.of(series));
    }

    @Operation(summary = "Change a numbering series")
    @PatchMapping("/numbering-series/{key}")
    @PreAuthorize("hasAuthority('settings:update')")
    ResponseEntity<SeriesView> changeSeries(
            @PathVariable String key, ExpectedVersion expected, @Valid @RequestBody SeriesChange change) {
        var series = settings.changeSeries(key, expected, change.prefix(), change.nextNumber(), change.padding());
        return Versions.ok(series.version(), SeriesView.of(series));
    }
}
