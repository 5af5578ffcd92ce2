package io.traveler.projects.internal;

import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.tasks.Tasks;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A project's tasks: the tasks module keeps them; this checks that a new task's stage is one of the project's. */
@Service
public class ProjectTasks {
    private final ProjectService projects;
    private final StageInstances stages;
    private final Tasks tasks;

    ProjectTasks(ProjectService projects, StageInstances stages, Tasks tasks) {
        this.projects = projects;
        this.stages = stages;
        this.tasks = tasks;
    }

    @Transactional(readOnly = true)
    public List<Tasks.TaskView> tasksOf(UUID projectId) {
        projects.project(projectId);
        return tasks.ofProject(projectId);
    }

    /**
     * Adds a task to the project, on one of its stages or none. On a stage it belongs to the stage's current entry,
     * or to the next one while the stage waits, so a required task added ahead keeps the stage from being left.
     */
    @Transactional
    public Tasks.TaskView add(UUID projectId, Tasks.NewTask sent) {
        Project project = projects.project(projectId);
        if (project.status().isFinal()) {
            throw new ConflictException("A " + project.status() + " project takes no more tasks");
        }
        Integer entry = null;
        if (sent.stageInstanceId() != null) {
            StageInstance stage = stages.findOfProject(projectId).stream()
                    .filter(s -> s.id().equals(sent.stageInstanceId()))
                    .findFirst()
                    .orElseThrow(
                            () -> new ValidationException("stage_instance_id", "must name a stage of this project"));
            entry = stage.entryForNewTasks();
        }
        return tasks.create(
                projectId,
                new Tasks.NewTask(
                        sent.stageInstanceId(),
                        entry,
                        sent.title(),
                        sent.description(),
                        sent.sequence(),
                        sent.assigneeType(),
                        sent.stationId(),
                        sent.employeeId(),
                        sent.required(),
                        sent.estimateMinutes(),
                        sent.dueDate(),
                        sent.recurrenceRule(),
                        sent.dependsOn(),
                        sent.checklistItems()));
    }
}
