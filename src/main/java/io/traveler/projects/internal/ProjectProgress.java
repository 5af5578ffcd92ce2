package io.traveler.projects.internal;

import io.traveler.projects.Projects;
import io.traveler.settings.OrganizationSettings;
import io.traveler.tasks.Tasks;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How far projects are, derived on each call from their stages and the time logs (nothing stored): an order's
 * progress for the orders module, and a project's planned against actual time.
 */
@Service
public class ProjectProgress implements Projects {
    /** A working day of a station, for the expected completion: 8 hours. */
    static final int MINUTES_PER_DAY = 8 * 60;

    /** One stage of a project: its expected minutes (per run of the project) against the minutes logged on it. */
    public record StageTime(
            UUID stageInstanceId,
            String name,
            int position,
            StageInstance.Status status,
            int plannedMinutes,
            BigDecimal actualMinutes,
            BigDecimal labourCost) {}

    /**
     * A project's time: all logged minutes and their cost, the plan, and per stage; time on no stage apart. The
     * materials issued to it cost {@code materialsCost}, beside the labour.
     */
    public record ProjectTime(
            BigDecimal totalMinutes,
            BigDecimal labourCost,
            BigDecimal materialsCost,
            int plannedMinutes,
            BigDecimal unstagedMinutes,
            List<StageTime> stages) {}

    private final ProjectRepository projects;
    private final StageInstances stages;
    private final ProjectService service;
    private final Tasks tasks;
    private final OrganizationSettings settings;

    ProjectProgress(
            ProjectRepository projects,
            StageInstances stages,
            ProjectService service,
            Tasks tasks,
            OrganizationSettings settings) {
        this.projects = projects;
        this.stages = stages;
        this.service = service;
        this.tasks = tasks;
        this.settings = settings;
    }

    @Override
    @Transactional(readOnly = true)
    public OrderProgress progressOfOrder(UUID orderId) {
        List<Project> counted = projects.findOfOrder(orderId).stream()
                .filter(p -> p.status() != Project.Status.CANCELLED)
                .toList();
        if (counted.isEmpty()) {
            return new OrderProgress(orderId, 0, 0, 0, List.of(), null);
        }
        Map<UUID, List<StageInstance>> stagesOf =
                stages.findOfProjects(counted.stream().map(Project::id).toList()).stream()
                        .collect(Collectors.groupingBy(StageInstance::projectId));
        int total = 0;
        int done = 0;
        long remainingMinutes = 0;
        List<String> current = new ArrayList<>();
        for (Project project : counted) {
            List<StageInstance> own = stagesOf.getOrDefault(project.id(), List.of());
            total += own.size();
            if (project.status() == Project.Status.COMPLETED) {
                done += own.size();
                continue;
            }
            for (StageInstance stage : own) {
                if (stage.status() == StageInstance.Status.DONE || stage.status() == StageInstance.Status.SKIPPED) {
                    done++;
                } else {
                    remainingMinutes += stage.expectedMinutes();
                }
                if (stage.status() == StageInstance.Status.IN_PROGRESS) {
                    current.add(project.code() + " · " + stage.name()
                            + (project.status() == Project.Status.ON_HOLD ? " (on hold)" : ""));
                }
            }
        }
        int completed = (int) counted.stream()
                .filter(p -> p.status() == Project.Status.COMPLETED)
                .count();
        int percent = total == 0 ? (completed == counted.size() ? 100 : 0) : (int) (100L * done / total);
        LocalDate expected = today().plusDays((remainingMinutes + MINUTES_PER_DAY - 1) / MINUTES_PER_DAY);
        return new OrderProgress(orderId, counted.size(), completed, percent, List.copyOf(current), expected);
    }

    @Override
    @Transactional(readOnly = true)
    public boolean allProjectsComplete(UUID orderId) {
        List<Project> counted = projects.findOfOrder(orderId).stream()
                .filter(p -> p.status() != Project.Status.CANCELLED)
                .toList();
        return !counted.isEmpty() && counted.stream().allMatch(p -> p.status() == Project.Status.COMPLETED);
    }

    @Override
    @Transactional
    public List<UUID> createForOrder(UUID orderId, boolean onePerLine, UUID workflowId) {
        return service.createForOrder(orderId, onePerLine, workflowId).stream()
                .map(Project::id)
                .toList();
    }

    /** Minutes and labour cost from the time logs; planned = each stage's expected minutes, once per project run. */
    @Transactional(readOnly = true)
    public ProjectTime timeOf(UUID projectId) {
        List<StageInstance> own = service.stagesOf(projectId);
        Tasks.TimeTotals totals = tasks.timeOfProject(projectId);
        List<StageTime> perStage = own.stream()
                .map(s -> new StageTime(
                        s.id(),
                        s.name(),
                        s.position(),
                        s.status(),
                        s.expectedMinutes(),
                        orZero(totals.minutesByStageInstance().get(s.id())),
                        orZero(totals.costByStageInstance().get(s.id()))))
                .toList();
        int planned = own.stream().mapToInt(StageInstance::expectedMinutes).sum();
        BigDecimal staged = totals.minutesByStageInstance().entrySet().stream()
                .filter(e -> e.getKey() != null && e.getValue() != null)
                .map(Map.Entry::getValue)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal unstaged = totals.totalMinutes().subtract(staged).max(BigDecimal.ZERO);
        BigDecimal materials =
                projects.findById(projectId).map(Project::materialsCost).orElse(BigDecimal.ZERO);
        return new ProjectTime(totals.totalMinutes(), totals.labourCost(), materials, planned, unstaged, perStage);
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    private LocalDate today() {
        try {
            return LocalDate.now(ZoneId.of(settings.current().timezone()));
        } catch (RuntimeException e) {
            return LocalDate.now(ZoneId.of("UTC"));
        }
    }
}
