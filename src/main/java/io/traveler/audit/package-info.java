/**
 * The audit trail: every create, update and delete of an entity is recorded in the same transaction, with
 * actor, organization, changed fields before and after, and request id. Append-only for the application role.
 */
@ApplicationModule(
        displayName = "Audit",
        allowedDependencies = {"shared"})
package io.traveler.audit;

import org.springframework.modulith.ApplicationModule;
