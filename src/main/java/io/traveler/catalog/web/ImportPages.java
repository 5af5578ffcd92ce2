package io.traveler.catalog.web;

import io.traveler.catalog.internal.BomService;
import io.traveler.catalog.internal.ImportService;
import io.traveler.shared.errors.TryLaterException;
import io.traveler.shared.jobs.RowError;
import io.traveler.shared.web.Forms;
import io.traveler.shared.web.Htmx;
import io.traveler.shared.web.PageController;
import io.traveler.shared.web.Problems;
import io.traveler.shared.web.Uploads;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartFile;

/** CSV imports: choose the kind, upload the file, then watch the job's progress and read its error report. */
@PageController
@RequestMapping("/app/imports")
class ImportPages {
    private final ImportService imports;
    private final BomService boms;

    ImportPages(ImportService imports, BomService boms) {
        this.boms = boms;
        this.imports = imports;
    }

    /** The job as its page shows it; the progress bar polls while it runs. */
    record JobPage(ImportService.Job job, List<RowError> errors) {
        public boolean isRunning() {
            return job.isRunning();
        }

        public int getPercent() {
            return job.totalRows() == 0
                    ? (isRunning() ? 0 : 100)
                    : (int) Math.min(100, 100 * job.processedRows() / job.totalRows());
        }
    }

    @GetMapping
    @PreAuthorize("hasAuthority('catalog:manage')")
    String form(Model model) {
        return page(model, null, false);
    }

    @PostMapping
    @PreAuthorize("hasAuthority('catalog:manage')")
    String start(
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) MultipartFile file,
            @RequestParam(defaultValue = "false") boolean activate,
            Model model,
            HttpServletResponse response) {
        Optional<ImportService.Kind> chosen = kind == null ? Optional.empty() : ImportService.Kind.byPath(kind);
        String field = chosen.isEmpty() ? "kind" : file == null || file.isEmpty() ? "file" : null;
        if (field != null) {
            return refused(
                    response,
                    model,
                    kind,
                    activate,
                    field,
                    field.equals("kind") ? "choose what to import" : "choose a CSV or JSON file that is not empty");
        }
        if (activate && chosen.get() != ImportService.Kind.BOM_LINES) {
            return refused(
                    response, model, kind, activate, "activate", "only imported BOM lines become versions to activate");
        }
        if (activate && !boms.callerMayActivateDraft()) {
            return refused(
                    response,
                    model,
                    kind,
                    activate,
                    "activate",
                    "needs the permissions boms:approve and settings:update");
        }
        UUID id;
        try {
            id = imports.start(chosen.get(), formatOf(file), Uploads.content(file), activate);
        } catch (TryLaterException e) {
            response.setHeader(
                    HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds()));
            String refusal = refused(response, model, kind, activate, "file", e.getMessage());
            response.setStatus(Problems.answerTo(e).status().value());
            return refusal;
        }
        return "redirect:/app/imports/" + id;
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('catalog:read')")
    String job(@PathVariable UUID id, HttpServletRequest request, Model model) {
        ImportService.Job job = imports.job(id);
        model.addAttribute("page", new JobPage(job, job.errors()));
        return Htmx.wantsFragment(request) ? "catalog/import-job :: progress" : "catalog/import-job";
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    @ResponseStatus(HttpStatus.CONTENT_TOO_LARGE)
    String tooLarge(Model model) {
        model.addAttribute(Forms.ERROR, "Please correct the marked fields.");
        model.addAttribute(Forms.FIELD_ERRORS, Map.of("file", "is larger than the 64 MB an import may be"));
        return page(model, null, false);
    }

    /** A file named {@code .json} or sent as JSON holds a JSON array of rows; anything else is CSV. */
    static ImportService.Format formatOf(MultipartFile file) {
        String name = file.getOriginalFilename() == null
                ? ""
                : file.getOriginalFilename().toLowerCase(Locale.ROOT);
        String type = file.getContentType() == null ? "" : file.getContentType().toLowerCase(Locale.ROOT);
        return name.endsWith(".json") || type.startsWith("application/json")
                ? ImportService.Format.JSON
                : ImportService.Format.CSV;
    }

    private String refused(
            HttpServletResponse response, Model model, String kind, boolean activate, String field, String message) {
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        model.addAttribute(Forms.ERROR, "Please correct the marked fields.");
        model.addAttribute(Forms.FIELD_ERRORS, Map.of(field, message));
        return page(model, kind, activate);
    }

    private String page(Model model, String kind, boolean activate) {
        model.addAttribute("kinds", ImportService.Kind.values());
        model.addAttribute("kind", kind);
        model.addAttribute("activate", activate);
        return "catalog/imports";
    }
}
