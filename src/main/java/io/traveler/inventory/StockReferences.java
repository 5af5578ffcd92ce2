package io.traveler.inventory;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Records of other modules a caller may name as what a stock movement was for (a unit of the shop floor, an order):
 * the module that owns such records implements this for its own reference types, so the inventory checks a named
 * record exists in the organization without knowing that module. Projects the inventory checks itself.
 */
public interface StockReferences {
    /** A named record, and the project it belongs to when it belongs to one (a unit's project), else null. */
    record Referenced(UUID projectId) {}

    /** The reference types this module answers for (PROJECT, UNIT, ORDER ...). */
    Set<String> types();

    /** The current organization's record of this type, if there is one. */
    Optional<Referenced> find(String type, UUID id);
}
