package io.traveler.inventory.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.inventory.internal.StockExport;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The stock and the ledger as XLSX workbooks, streamed. */
@Tag(name = "Inventory")
@RestController
class StockExportController {
    private final StockExport export;

    StockExportController(StockExport export) {
        this.export = export;
    }

    @Operation(summary = "Export the stock on hand per part, location and lot, with its value, as XLSX")
    @ApiResponse(
            responseCode = "200",
            description = "The workbook, streamed",
            content =
                    @Content(mediaType = StockExport.MEDIA_TYPE, schema = @Schema(type = "string", format = "binary")))
    @GetMapping(path = "/api/inventory/export/stock.xlsx", produces = StockExport.MEDIA_TYPE)
    @PreAuthorize("hasAuthority('inventory:read')")
    void stock(HttpServletResponse response) {
        export.stock(download(response, "stock.xlsx"));
    }

    @Operation(summary = "Export the ledger (newest first), of one part when named, as XLSX")
    @ApiResponse(
            responseCode = "200",
            description = "The workbook, streamed",
            content =
                    @Content(mediaType = StockExport.MEDIA_TYPE, schema = @Schema(type = "string", format = "binary")))
    @GetMapping(path = "/api/inventory/export/movements.xlsx", produces = StockExport.MEDIA_TYPE)
    @PreAuthorize("hasAuthority('inventory:read')")
    void movements(
            @Parameter(description = "Only this part's movements") @RequestParam(name = "part_id", required = false)
                    UUID partId,
            HttpServletResponse response) {
        export.movements(partId, download(response, "movements.xlsx"));
    }

    /** The response as the file's destination, its headers set when it is opened; also for the pages' links. */
    static StockExport.Sink download(HttpServletResponse response, String name) {
        return () -> {
            response.setContentType(StockExport.MEDIA_TYPE);
            response.setHeader(
                    HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.attachment().filename(name).build().toString());
            return response.getOutputStream();
        };
    }
}
