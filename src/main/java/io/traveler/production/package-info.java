/**
 * The shop floor: the units of a project (one per piece, made when the project starts, each with a serial and a QR
 * label), their passports, scans at stations (one call: start, complete, record an action, report a defect, hold,
 * release), offline batches applied once, station queues, defects and their dispositions, scan sessions and live
 * updates. The project's own stages follow its units through {@link io.traveler.projects.ProjectStages}.
 */
@ApplicationModule(
        displayName = "Production",
        allowedDependencies = {"shared", "settings", "accounts", "workflows", "projects", "documents", "inventory"})
package io.traveler.production;

import org.springframework.modulith.ApplicationModule;
