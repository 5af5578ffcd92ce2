/**
 * Projects: production jobs that run one workflow version, their stage instances and stage moves (forward when the
 * stage's required tasks and actions are done, back with a reason for rework), the station tasks each stage entry
 * generates, design documents, and promotion to a product. An order's progress is derived from its projects
 * ({@link io.traveler.projects.Projects}); the orders module reads it, follows {@link io.traveler.projects.ProjectStarted}
 * and {@link io.traveler.projects.ProjectCompleted}, and lends its lines through {@link io.traveler.projects.OrderSource}.
 */
@ApplicationModule(
        displayName = "Projects",
        allowedDependencies = {
            "shared",
            "settings",
            "accounts",
            "catalog",
            "customers",
            "workflows",
            "tasks",
            "documents"
        })
package io.traveler.projects;

import org.springframework.modulith.ApplicationModule;
