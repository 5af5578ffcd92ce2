package io.traveler.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** The audit module's API: the latest changes of the current organization, for dashboards. */
public interface AuditTrail {
    /** Reading the trail: its page, its API and the home page's latest changes. */
    String READ = "audit:read";

    record Entry(
            UUID id,
            UUID actorId,
            String actorKind,
            String entityType,
            UUID entityId,
            String action,
            Map<String, Object> changes,
            String requestId,
            Instant at) {}

    java.util.List<Entry> latest(int limit);
}
