package io.traveler.tasks;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * How a task's project and stage read on the pages of this module. Implemented by the projects module, which owns
 * them (it depends on this module, not the other way round); without an implementation the ids are shown.
 */
public interface TaskContexts {
    record ProjectLabel(UUID projectId, String code, String name, String pageUrl) {}

    Map<UUID, ProjectLabel> projects(Collection<UUID> projectIds);

    /** The names of these stage instances. */
    Map<UUID, String> stageNames(Collection<UUID> stageInstanceIds);
}
