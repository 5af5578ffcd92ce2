package io.traveler.production.web;

import io.traveler.accounts.Accounts;
import io.traveler.production.internal.LiveSubscribers;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.tenancy.TenantContext;
import java.time.Duration;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Opens a live stream for the caller's organization, and for one of its stations when one is named. */
@Component
class LiveStreams {
    static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(10);

    private final LiveSubscribers subscribers;
    private final Accounts accounts;

    LiveStreams(LiveSubscribers subscribers, Accounts accounts) {
        this.subscribers = subscribers;
        this.accounts = accounts;
    }

    SseEmitter open(UUID stationId, Integer timeoutSeconds) {
        UUID orgId = TenantContext.requireOrgId();
        if (stationId != null && accounts.station(stationId).isEmpty()) {
            throw new NotFoundException("Station", stationId);
        }
        Duration lifetime = timeoutSeconds == null ? DEFAULT_LIFETIME : Duration.ofSeconds(timeoutSeconds);
        return subscribers.subscribe(orgId, stationId, lifetime);
    }
}
