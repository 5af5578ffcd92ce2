package io.traveler.production.web;

import io.traveler.shared.web.PageController;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live stream of {@link LiveController} for the pages, over the signed-in session ({@code /api} takes tokens
 * only, and an {@code EventSource} cannot send one). {@code static/js/live.js} opens it for every element carrying
 * {@code data-live}.
 */
@PageController
class LivePages {
    private final LiveStreams streams;

    LivePages(LiveStreams streams) {
        this.streams = streams;
    }

    @GetMapping(value = "/app/live/shop-floor", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize("hasAuthority('production:read')")
    SseEmitter shopFloor(@RequestParam(name = "station_id", required = false) UUID stationId) {
        return streams.open(stationId, null);
    }
}
