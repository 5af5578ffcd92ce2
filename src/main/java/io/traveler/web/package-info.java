/**
 * The web UI's shell: the layout with navigation and organization switcher, the login page, the home page and
 * the error pages. Each module's own pages live in its {@code web} package and {@code templates/<module>/}.
 */
@ApplicationModule(
        displayName = "Web",
        allowedDependencies = {"shared", "accounts", "settings", "audit"})
package io.traveler.web;

import org.springframework.modulith.ApplicationModule;
