/**
 * Organizations, partnerships, users, memberships, roles, employees, stations, locations, API keys and
 * authentication. The package root is the module's API: {@link io.traveler.accounts.Accounts} and its records.
 */
@ApplicationModule(
        displayName = "Accounts",
        allowedDependencies = {"shared", "settings"})
package io.traveler.accounts;

import org.springframework.modulith.ApplicationModule;
