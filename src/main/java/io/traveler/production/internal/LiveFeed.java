package io.traveler.production.internal;

import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Announces a unit's change to every application node, inside the transaction that makes it: PostgreSQL delivers a
 * {@code NOTIFY} only when that transaction commits, so a rolled-back scan is never shown. Each node listens on
 * {@link #CHANNEL} and hands what it hears to the boards of the change's organization and stations.
 */
@Component
public class LiveFeed {
    public static final String CHANNEL = "traveler_shop_floor";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * What changed: the unit at {@code stationId} now (null once it is completed or scrapped), the station it left
     * ({@code fromStationId}, when the change moved it), its status and stage, and the passport event's kind.
     */
    public record UnitChange(
            UUID orgId,
            UUID unitId,
            String serial,
            UUID projectId,
            UUID stationId,
            UUID fromStationId,
            String status,
            String stageName,
            String kind,
            Instant at) {}

    private final JdbcClient jdbc;

    LiveFeed(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void announce(UnitChange change) {
        jdbc.sql("select pg_notify(:channel, :payload)")
                .param("channel", CHANNEL)
                .param("payload", JSON.writeValueAsString(change))
                .query()
                .singleValue();
    }

    /** Announces many changes in one statement (an offline batch), each as {@link #announce} would. */
    public void announceAll(java.util.List<UnitChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        jdbc.sql("select count(pg_notify(:channel, payload)) from unnest(:payloads) as payload")
                .param("channel", CHANNEL)
                .param(
                        "payloads",
                        changes.stream().map(JSON::writeValueAsString).toArray(String[]::new))
                .query()
                .singleValue();
    }

    public static UnitChange read(String payload) {
        return JSON.readValue(payload, UnitChange.class);
    }
}
