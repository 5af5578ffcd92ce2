package io.traveler.customers.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.customers.internal.Customer;
import io.traveler.customers.internal.CustomerTransfers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Customer imports and exports as jobs of the shared runner: each answers 202 with the job's id, whose progress,
 * per-row errors and (for an export) file are at {@code /api/jobs/{id}}.
 */
@Tag(name = "Customers")
@RestController
class CustomerTransfersController {
    private final CustomerTransfers transfers;

    CustomerTransfersController(CustomerTransfers transfers) {
        this.transfers = transfers;
    }

    /** A CSV file whose header names the columns (only name is required). */
    @Operation(summary = "Start an import of customers from CSV")
    @PostMapping(path = "/api/customers/import-jobs", consumes = "text/csv")
    @PreAuthorize("hasAuthority('customers:write')")
    ResponseEntity<Map<String, UUID>> importCsv(@RequestBody InputStreamResource csv) {
        return accepted(transfers.startImport("csv", body(csv)));
    }

    /** A JSON array of objects whose fields are the CSV's columns (tags an array, addresses objects). */
    @Operation(summary = "Start an import of customers from a JSON array")
    @PostMapping(path = "/api/customers/import-jobs", consumes = "application/json")
    @PreAuthorize("hasAuthority('customers:write')")
    ResponseEntity<Map<String, UUID>> importJson(@RequestBody InputStreamResource json) {
        return accepted(transfers.startImport("json", body(json)));
    }

    @Operation(summary = "Start an export of customers to CSV or XLSX, filtered like the list")
    @PostMapping("/api/customers/export-jobs")
    @PreAuthorize("hasAuthority('customers:read')")
    ResponseEntity<Map<String, UUID>> export(
            @RequestParam(defaultValue = "csv") String format,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Customer.Status status) {
        return accepted(transfers.startExport(format, q, status));
    }

    private static ResponseEntity<Map<String, UUID>> accepted(UUID id) {
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/jobs/" + id))
                .body(Map.of("id", id));
    }

    private static InputStream body(InputStreamResource content) {
        try {
            return content.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
