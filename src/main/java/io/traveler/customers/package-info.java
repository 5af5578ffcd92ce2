/**
 * The organization's customers and their contacts (the CRM of issue 9). Built on the module kit alone: its
 * contribution, its migrations under {@code db/migration/customers/} and its templates under
 * {@code templates/customers/}.
 */
@ApplicationModule(
        displayName = "Customers",
        allowedDependencies = {"shared", "settings", "accounts", "catalog"})
package io.traveler.customers;

import org.springframework.modulith.ApplicationModule;
