/**
 * Workflows: versioned templates of ordered stages, each owned by a station, with their required stage actions, and
 * the task templates each station does whenever one of its stages becomes active. Workflows know nothing of the
 * projects that run them ({@link io.traveler.workflows.Workflows} is what the projects module reads).
 */
@ApplicationModule(
        displayName = "Workflows",
        allowedDependencies = {"shared", "settings", "accounts", "catalog"})
package io.traveler.workflows;

import org.springframework.modulith.ApplicationModule;
