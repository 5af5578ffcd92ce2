package io.traveler.production.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The shop floor as server-sent events, for API clients (wall boards, integrations): every committed unit change of
 * the caller's organization, or of one station. Pages subscribe through {@code /app/live/shop-floor} with their
 * session instead ({@link LivePages}).
 */
@Tag(name = "Live")
@RestController
class LiveController {
    private final LiveStreams streams;

    LiveController(LiveStreams streams) {
        this.streams = streams;
    }

    @Operation(
            summary = "Follow the shop floor live: each committed unit change as a server-sent event",
            description = "A `text/event-stream`. It opens with the comment `: subscribed` (from then on nothing"
                    + " committed is missed), then sends an event `unit` per committed change of a unit of the"
                    + " caller's organization (with `station_id`: only those at or leaving that station), whose data"
                    + " is a JSON object `unit_id, serial, project_id, station_id, from_station_id, status,"
                    + " stage_name, kind, at`. A rolled-back change is never sent. A `: heartbeat` comment comes every"
                    + " 25 s; the server ends the stream after `timeout_seconds` (default 600) and an EventSource"
                    + " reconnects by itself. 429 when the organization or the server has as many streams open as"
                    + " they may.")
    @ApiResponse(
            responseCode = "200",
            description = "The stream",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string")))
    @GetMapping(value = "/api/live/shop-floor", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize("hasAuthority('production:read')")
    SseEmitter shopFloor(
            @Parameter(description = "Only the changes at or leaving this station (one of the organization's)")
                    @RequestParam(name = "station_id", required = false)
                    UUID stationId,
            @Parameter(
                            description =
                                    "How long the server keeps the stream open, in seconds (1 to 3600; 600 when left"
                                            + " out)")
                    @RequestParam(name = "timeout_seconds", required = false)
                    @Min(1)
                    @Max(3600)
                    Integer timeoutSeconds) {
        return streams.open(stationId, timeoutSeconds);
    }
}
