/**
 * Tools and machines: their status and location, maintenance plans (every so many days or hours of use) and the
 * maintenance done; what is due and overdue (a scheduled job announces it); the equipment a product needs.
 */
@ApplicationModule(
        displayName = "Equipment",
        allowedDependencies = {"shared", "settings", "accounts", "catalog", "documents"})
package io.traveler.equipment;

import org.springframework.modulith.ApplicationModule;
