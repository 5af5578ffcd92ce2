/** Per-organization settings (timezone, currency, default hourly rate, MFA requirement) and numbering series. */
@ApplicationModule(
        displayName = "Settings",
        allowedDependencies = {"shared"})
package io.traveler.settings;

import org.springframework.modulith.ApplicationModule;
