package io.traveler.tasks.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.PageRequest;
import io.traveler.tasks.internal.TaskService;
import io.traveler.tasks.internal.TimeKeeping;
import io.traveler.tasks.internal.TimeKeeping.LogFilter;
import io.traveler.tasks.internal.TimeKeeping.NewLog;
import io.traveler.tasks.internal.TimeKeeping.TimeLog;
import io.traveler.tasks.internal.TimeKeeping.Timer;
import io.traveler.tasks.internal.TimeKeeping.Totals;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Time on tasks: per-employee timers (one running each), time logs written by hand or by stopping a timer, and
 * totals summed from the logs when asked. A log's {@code labour_cost} is {@code minutes / 60 × hourly_rate}, the
 * rate being the employee's (else the organization's default) when the time was logged.
 */
@Tag(name = "Time")
@RestController
class TimeController {
    private final TaskService tasks;
    private final TimeKeeping time;

    TimeController(TaskService tasks, TimeKeeping time) {
        this.tasks = tasks;
        this.time = time;
    }

    /** Whose timer: an employee of this organization; the caller's own employee record when left out. */
    record TimerBody(UUID employeeId) {}

    /** {@code minutes}, or {@code started_at} and {@code ended_at}; the employee as for timers. */
    record LogBody(
            UUID employeeId,
            @Digits(integer = 6, fraction = 2) BigDecimal minutes,
            Instant startedAt,
            Instant endedAt,
            @Size(max = 2000) String note) {}

    @Operation(summary = "Start an employee's timer on a task (starting the task if it is to do); 409 if one runs")
    @PostMapping("/api/tasks/{id}/timer/start")
    @PreAuthorize("hasAuthority('time:log')")
    ResponseEntity<Timer> startTimer(@PathVariable UUID id, @Valid @RequestBody(required = false) TimerBody body) {
        Timer started = tasks.startTimer(id, body == null ? null : body.employeeId());
        return ResponseEntity.status(HttpStatus.CREATED).body(started);
    }

    @Operation(summary = "Stop an employee's running timer; answers the time log it wrote")
    @PostMapping("/api/timers/{employeeId}/stop")
    @PreAuthorize("hasAuthority('time:log')")
    TimeLog stopTimer(@PathVariable UUID employeeId) {
        return time.stop(employeeId);
    }

    @Operation(summary = "The timers running now")
    @GetMapping("/api/timers")
    @PreAuthorize("hasAuthority('tasks:read')")
    ItemList<Timer> timers() {
        return new ItemList<>(time.running(), null);
    }

    @Operation(summary = "Log time on a task: minutes, or a start and an end")
    @PostMapping("/api/tasks/{id}/log_time")
    @PreAuthorize("hasAuthority('time:log')")
    ResponseEntity<TimeLog> logTime(@PathVariable UUID id, @Valid @RequestBody LogBody body) {
        TimeLog log = time.log(
                id, new NewLog(body.employeeId(), body.minutes(), body.startedAt(), body.endedAt(), body.note()));
        return ResponseEntity.status(HttpStatus.CREATED).body(log);
    }

    @Operation(summary = "Time logs, latest work first, by project, employee, station, task and dates (inclusive)")
    @GetMapping("/api/time-logs")
    @PreAuthorize("hasAuthority('tasks:read')")
    ItemList<TimeLog> logs(
            @RequestParam(name = "project_id", required = false) UUID projectId,
            @RequestParam(name = "employee_id", required = false) UUID employeeId,
            @RequestParam(name = "station_id", required = false) UUID stationId,
            @RequestParam(name = "task_id", required = false) UUID taskId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        var page = PageRequest.of(limit, cursor, null, Set.of("worked_at"), "-worked_at");
        return time.logs(
                new LogFilter(projectId, employeeId, stationId, taskId, from, to), page.limit(), page.cursor());
    }

    @Operation(
            summary = "Minutes and labour cost summed from the time logs, grouped by station, employee, project, day,"
                    + " week or month, over dates from and to (inclusive, in the organization's time zone)")
    @GetMapping("/api/time/totals")
    @PreAuthorize("hasAuthority('tasks:read')")
    Totals totals(
            @RequestParam(name = "group_by", required = false) String groupBy,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return time.totals(TimeKeeping.grouping(groupBy), from, to);
    }
}
