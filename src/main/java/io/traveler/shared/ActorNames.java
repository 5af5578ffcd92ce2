package io.traveler.shared;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Readable names of the actors (users and API keys) of the current organization, for pages that show who did
 * something. Implemented by the accounts module; modules that only record actor ids use it without depending
 * on accounts.
 */
public interface ActorNames {
    /** The names of those ids that are actors of the current organization; others are left out. */
    Map<UUID, String> namesOf(Collection<UUID> actorIds);
}
