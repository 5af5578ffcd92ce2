package io.traveler.shared.jobs;

import io.traveler.shared.ActorNames;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.web.Htmx;
import io.traveler.shared.web.PageController;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The organization's background jobs of the kinds the user may read: progress (refreshed while any runs), a cancel
 * button for those they may start, and each job's error report as CSV.
 */
@PageController
@RequestMapping("/app/jobs")
class JobPages {
    private static final int PAGE_SIZE = 50;

    private final JobRunner jobs;
    /** Implemented by accounts; a context of the shared kernel alone (a module test) has none. */
    private final ObjectProvider<ActorNames> actors;

    JobPages(JobRunner jobs, ObjectProvider<ActorNames> actors) {
        this.jobs = jobs;
        this.actors = actors;
    }

    /** One line of the list: the job, what its kind is called and who started it. */
    record Row(JobRunner.Job job, String label, String startedBy) {
        public boolean isRunning() {
            return !job.status().finished();
        }
    }

    @GetMapping
    @PreAuthorize("hasAuthority('jobs:read')")
    String list(
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String part,
            HttpServletRequest request,
            Model model) {
        Map<String, String> kinds = jobs.kinds();
        kinds.keySet().retainAll(jobs.readableKinds());
        String chosenKind = kinds.containsKey(kind) ? kind : null;
        JobRunner.Status chosenStatus = Arrays.stream(JobRunner.Status.values())
                .filter(s -> s.name().equals(status))
                .findFirst()
                .orElse(null);
        ItemList<JobRunner.Job> page =
                jobs.list(new JobRunner.Filter(chosenKind, chosenStatus), PAGE_SIZE, blankToNull(cursor));
        Map<UUID, String> names = actors.getIfAvailable(() -> ids -> Map.of())
                .namesOf(page.items().stream().map(JobRunner.Job::createdBy).collect(Collectors.toSet()));
        var rows = page.items().stream()
                .map(job -> new Row(
                        job, kinds.getOrDefault(job.kind(), job.kind()), names.getOrDefault(job.createdBy(), "—")))
                .toList();
        model.addAttribute("rows", rows);
        model.addAttribute("running", rows.stream().anyMatch(Row::isRunning));
        model.addAttribute("kinds", kinds);
        model.addAttribute("statuses", JobRunner.Status.values());
        model.addAttribute("kind", chosenKind);
        model.addAttribute("status", chosenStatus == null ? null : chosenStatus.name());
        model.addAttribute("cursor", blankToNull(cursor));
        model.addAttribute("nextCursor", page.nextCursor());
        if (!Htmx.wantsFragment(request)) {
            return "jobs/jobs";
        }
        // the table refreshes itself while a job runs; "Load more" appends rows
        return "table".equals(part) ? "jobs/jobs :: table" : "jobs/jobs :: rows";
    }

    /** Cancels and comes back to the list; the runner checks the kind's permission. */
    @PostMapping("/{id}/cancel")
    @PreAuthorize("hasAuthority('jobs:cancel')")
    String cancel(@PathVariable UUID id) {
        jobs.cancel(id);
        return "redirect:/app/jobs";
    }

    @GetMapping(path = "/{id}/errors.csv", produces = "text/csv")
    @PreAuthorize("hasAuthority('jobs:read')")
    ResponseEntity<String> errors(@PathVariable UUID id) {
        jobs.readable(id);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"job-" + id + "-errors.csv\"")
                .body(JobErrorsCsv.of(jobs, id));
    }

    @GetMapping("/{id}/result")
    @PreAuthorize("hasAuthority('jobs:read')")
    ResponseEntity<Resource> result(@PathVariable UUID id) {
        JobRunner.Result result = jobs.result(id);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(result.contentType()))
                .header("Content-Disposition", "attachment; filename=\"job-" + id + "-result\"")
                .body(new FileSystemResource(result.file()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
