package io.traveler.tasks.web;

import io.traveler.accounts.Accounts;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.shared.web.Forms;
import io.traveler.shared.web.PageController;
import io.traveler.tasks.TaskContexts;
import io.traveler.tasks.Tasks.Status;
import io.traveler.tasks.Tasks.TaskView;
import io.traveler.tasks.internal.MyWork;
import io.traveler.tasks.internal.TaskService;
import io.traveler.tasks.internal.TimeKeeping;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The pages where the work is done, made for a phone at the station: "My work" (the caller's tasks and their
 * stations', a one-tap timer, start and complete) and a station's queue of open tasks. Every button is a plain form
 * post that comes back to the page it was pressed on.
 */
@PageController
class TaskPages {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private final MyWork myWork;
    private final TaskService tasks;
    private final TimeKeeping time;
    private final Accounts accounts;
    private final ObjectProvider<TaskContexts> contexts;

    TaskPages(
            MyWork myWork,
            TaskService tasks,
            TimeKeeping time,
            Accounts accounts,
            ObjectProvider<TaskContexts> contexts) {
        this.myWork = myWork;
        this.tasks = tasks;
        this.time = time;
        this.accounts = accounts;
        this.contexts = contexts;
    }

    /** One task as a card: where it belongs, in words, and whether the viewer's timer runs on it. */
    public record Card(
            TaskView task,
            String status,
            String project,
            String projectUrl,
            String stage,
            String assignee,
            boolean timing,
            long checked) {
        public boolean open() {
            return task.status() != Status.DONE;
        }

        public boolean startable() {
            return task.status() == Status.TODO;
        }
    }

    /** The running timer, as the page shows it. */
    public record RunningTimer(UUID employeeId, UUID taskId, String taskTitle, String since, long minutes) {}

    @GetMapping("/app/my-work")
    @PreAuthorize("hasAuthority('tasks:read')")
    String myWork(Model model) {
        UUID user = TenantContext.actorId().orElseThrow();
        MyWork.Today today = myWork.of(user);
        Optional<TimeKeeping.Timer> timer = today.runningTimer();
        model.addAttribute("employee", today.employee().orElse(null));
        model.addAttribute(
                "cards",
                cards(today.tasks(), timer.map(TimeKeeping.Timer::taskId).orElse(null)));
        model.addAttribute("timer", timer.map(t -> running(t, today.tasks())).orElse(null));
        model.addAttribute("back", "my-work");
        return "tasks/my-work";
    }

    @GetMapping("/app/stations/{id}/work")
    @PreAuthorize("hasAuthority('tasks:read')")
    String stationQueue(@PathVariable UUID id, Model model) {
        Accounts.StationRef station = accounts.station(id).orElseThrow(() -> new NotFoundException("Station", id));
        UUID user = TenantContext.actorId().orElseThrow();
        Optional<Accounts.EmployeeRef> me = accounts.employeeOfUser(user);
        UUID timing = me.flatMap(e -> time.runningOf(e.id()))
                .map(TimeKeeping.Timer::taskId)
                .orElse(null);
        model.addAttribute("station", station);
        model.addAttribute("employee", me.orElse(null));
        model.addAttribute("cards", cards(tasks.stationQueue(id, 200), timing));
        model.addAttribute("back", "station:" + id);
        return "tasks/station-queue";
    }

    @PostMapping("/app/tasks/{id}/start")
    @PreAuthorize("hasAuthority('tasks:work')")
    String start(@PathVariable UUID id, @RequestParam(required = false) String back, RedirectAttributes flash) {
        return Forms.act(flash, backTo(back), "Task started.", () -> tasks.start(id, ExpectedVersion.none()));
    }

    @PostMapping("/app/tasks/{id}/complete")
    @PreAuthorize("hasAuthority('tasks:work')")
    String complete(@PathVariable UUID id, @RequestParam(required = false) String back, RedirectAttributes flash) {
        return Forms.act(flash, backTo(back), "Task done.", () -> tasks.complete(id, ExpectedVersion.none()));
    }

    @PostMapping("/app/tasks/{id}/checklist/{itemId}")
    @PreAuthorize("hasAuthority('tasks:work')")
    String tick(
            @PathVariable UUID id,
            @PathVariable UUID itemId,
            @RequestParam(required = false) Boolean done,
            @RequestParam(required = false) String back,
            RedirectAttributes flash) {
        return Forms.act(
                flash, backTo(back), "Checklist updated.", () -> tasks.tick(id, itemId, Boolean.TRUE.equals(done)));
    }

    /** One tap: starts the caller's timer on the task; a timer running elsewhere is stopped (and logged) first. */
    @PostMapping("/app/tasks/{id}/timer")
    @PreAuthorize("hasAuthority('time:log')")
    String startTimer(@PathVariable UUID id, @RequestParam(required = false) String back, RedirectAttributes flash) {
        return Forms.act(flash, backTo(back), "Timer started.", () -> tasks.moveCallersTimerTo(id));
    }

    @PostMapping("/app/my-work/timer/stop")
    @PreAuthorize("hasAuthority('time:log')")
    String stopTimer(@RequestParam(required = false) String back, RedirectAttributes flash) {
        return Forms.act(flash, backTo(back), "Timer stopped; the time is logged.", () -> {
            Accounts.EmployeeRef me = time.employeeFor(null);
            TimeKeeping.TimeLog log = time.stop(me.id());
            flash.addFlashAttribute("logged", log.minutes());
        });
    }

    /**
     * Back to the page the button was on: My work, a station's queue ({@code station:<id>}) or a project's page
     * ({@code project:<id>}, for the projects module's pages that post here); nothing else.
     */
    private static String backTo(String back) {
        try {
            if (back != null && back.startsWith("station:")) {
                return "/app/stations/" + UUID.fromString(back.substring("station:".length())) + "/work";
            }
            if (back != null && back.startsWith("project:")) {
                return "/app/projects/" + UUID.fromString(back.substring("project:".length()));
            }
        } catch (IllegalArgumentException e) {
            throw new ValidationException("back", "is not a page to go back to");
        }
        return "/app/my-work";
    }

    private List<Card> cards(List<TaskView> found, UUID timingTaskId) {
        TaskContexts names = contexts.getIfAvailable();
        Set<UUID> projectIds = new HashSet<>();
        Set<UUID> stageIds = new HashSet<>();
        Set<UUID> stationIds = new HashSet<>();
        Set<UUID> employeeIds = new HashSet<>();
        for (TaskView t : found) {
            projectIds.add(t.projectId());
            if (t.stageInstanceId() != null) {
                stageIds.add(t.stageInstanceId());
            }
            if (t.stationId() != null) {
                stationIds.add(t.stationId());
            }
            if (t.employeeId() != null) {
                employeeIds.add(t.employeeId());
            }
        }
        Map<UUID, TaskContexts.ProjectLabel> projects = names == null ? Map.of() : names.projects(projectIds);
        Map<UUID, String> stages = names == null ? Map.of() : names.stageNames(stageIds);
        Map<UUID, Accounts.StationRef> stations = accounts.stations(stationIds);
        Map<UUID, Accounts.EmployeeRef> employees = accounts.employees(employeeIds);
        return found.stream()
                .map(t -> {
                    TaskContexts.ProjectLabel project = projects.get(t.projectId());
                    return new Card(
                            t,
                            t.status().json().replace('_', ' '),
                            project == null ? "Project " + shortId(t.projectId()) : label(project),
                            project == null ? null : project.pageUrl(),
                            t.stageInstanceId() == null
                                    ? null
                                    : stages.getOrDefault(t.stageInstanceId(), "Stage " + shortId(t.stageInstanceId())),
                            assignee(t, stations, employees),
                            Objects.equals(t.id(), timingTaskId),
                            t.checklist().stream().filter(i -> i.done()).count());
                })
                .toList();
    }

    private static String label(TaskContexts.ProjectLabel project) {
        return project.code() == null ? project.name() : project.code() + " · " + project.name();
    }

    private static String assignee(
            TaskView t, Map<UUID, Accounts.StationRef> stations, Map<UUID, Accounts.EmployeeRef> employees) {
        String station = t.stationId() == null || !stations.containsKey(t.stationId())
                ? null
                : stations.get(t.stationId()).name();
        String employee = t.employeeId() == null || !employees.containsKey(t.employeeId())
                ? null
                : employees.get(t.employeeId()).name();
        if (employee != null) {
            return station == null ? employee : employee + " at " + station;
        }
        return station;
    }

    private RunningTimer running(TimeKeeping.Timer timer, Collection<TaskView> known) {
        String title = known.stream()
                .filter(t -> t.id().equals(timer.taskId()))
                .map(TaskView::title)
                .findFirst()
                .orElseGet(() -> tasks.task(timer.taskId()).title());
        ZoneId zone = time.zone();
        return new RunningTimer(
                timer.employeeId(),
                timer.taskId(),
                title,
                CLOCK.format(timer.startedAt().atZone(zone)),
                Duration.between(timer.startedAt(), Instant.now()).toMinutes());
    }

    private static String shortId(UUID id) {
        return id.toString().substring(0, 8);
    }
}
