package io.traveler.catalog;

import java.util.Optional;
import java.util.UUID;

/** What other modules may ask the catalog, in the current organization. */
public interface Catalog {
    boolean productExists(UUID productId);

    boolean partExists(UUID partId);

    /** The id of the product's ACTIVE bill of materials, if it has one. */
    Optional<UUID> activeBomOf(UUID productId);
}
