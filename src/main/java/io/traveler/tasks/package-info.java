/**
 * Tasks and time: the tasks of projects (generated from station templates or added by hand), their dependencies,
 * checklists, comments and recurrence; per-employee timers; and time logs, the canonical record of labour from which
 * every total and labour cost is computed. Project ids are opaque here: the projects module depends on this one
 * ({@link io.traveler.tasks.Tasks}) and tells it how a project reads on a page ({@link io.traveler.tasks.TaskContexts}).
 */
@ApplicationModule(
        displayName = "Tasks and time",
        allowedDependencies = {"shared", "settings", "accounts"})
package io.traveler.tasks;

import org.springframework.modulith.ApplicationModule;
