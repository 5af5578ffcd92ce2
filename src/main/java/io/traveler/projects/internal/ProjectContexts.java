package io.traveler.projects.internal;

import io.traveler.tasks.TaskContexts;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** How tasks name their projects and stages on the tasks module's pages. */
@Component
class ProjectContexts implements TaskContexts {
    private final ProjectRepository projects;
    private final StageInstances stages;

    ProjectContexts(ProjectRepository projects, StageInstances stages) {
        this.projects = projects;
        this.stages = stages;
    }

    @Override
    @Transactional(readOnly = true)
    public Map<UUID, ProjectLabel> projects(Collection<UUID> projectIds) {
        if (projectIds.isEmpty()) {
            return Map.of();
        }
        return projects.findByIdIn(projectIds).stream()
                .map(p -> new ProjectLabel(p.id(), p.code(), p.name(), "/app/projects/" + p.id()))
                .collect(Collectors.toMap(ProjectLabel::projectId, Function.identity()));
    }

    @Override
    @Transactional(readOnly = true)
    public Map<UUID, String> stageNames(Collection<UUID> stageInstanceIds) {
        if (stageInstanceIds.isEmpty()) {
            return Map.of();
        }
        return stages.findByIdIn(stageInstanceIds).stream()
                .collect(Collectors.toMap(StageInstance::id, StageInstance::name));
    }
}
