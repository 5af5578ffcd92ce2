package io.traveler.production.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.traveler.accounts.Accounts;
import io.traveler.shared.Ids;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * An operator's stretch of scanning at a station from one device: a scan continues the open session of its
 * (user, station, device), or opens one when there is none or the last scan was {@link #IDLE} ago. The session's
 * times are written only when a scan falls outside them by more than {@link #GRAIN}, so sixty-four scanners on one
 * session do not queue on its row; counts and pace are read from the passport.
 */
@Component
class ScanSessions {
    static final Duration IDLE = Duration.ofMinutes(30);
    static final Duration GRAIN = Duration.ofMinutes(1);

    record Session(UUID id, UUID employeeId) {}

    private record Open(UUID id, UUID employeeId, Instant startedAt, Instant lastAt) {}

    private record Key(UUID orgId, UUID userId, UUID stationId, String deviceId) {}

    private final Cache<Key, Open> recent =
            Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(GRAIN).build();

    private final JdbcClient jdbc;
    private final Accounts accounts;

    ScanSessions(JdbcClient jdbc, Accounts accounts) {
        this.jdbc = jdbc;
        this.accounts = accounts;
    }

    Session continueOrOpen(UUID org, UUID user, UUID station, String device, Instant at) {
        Key key = new Key(org, user, station, device);
        Open known = recent.getIfPresent(key);
        if (known != null
                && !at.isBefore(known.startedAt())
                && !at.isAfter(known.lastAt().plus(GRAIN))) {
            return new Session(known.id(), known.employeeId());
        }
        Open open = open(org, user, station, device);
        if (open != null && open.lastAt().plus(IDLE).isBefore(at)) {
            jdbc.sql("update production.scan_sessions set ended_at = last_at where org_id = :org and id = :id")
                    .param("org", org)
                    .param("id", open.id())
                    .update();
            open = null;
        }
        if (open == null) {
            UUID employee =
                    accounts.employeeOfUser(user).map(Accounts.EmployeeRef::id).orElse(null);
            jdbc.sql("""
                            insert into production.scan_sessions (org_id, id, user_id, employee_id, station_id,
                                    device_id, started_at, last_at)
                            values (:org, :id, :user, :employee, :station, :device, :at, :at)
                            on conflict do nothing""")
                    .param("org", org)
                    .param("id", Ids.newId())
                    .param("user", user)
                    .param("employee", employee)
                    .param("station", station)
                    .param("device", device)
                    .param("at", Timestamp.from(at))
                    .update();
            open = open(org, user, station, device);
            remember(key, open);
            return new Session(open.id(), open.employeeId());
        }
        if (at.isBefore(open.startedAt()) || at.isAfter(open.lastAt().plus(GRAIN))) {
            jdbc.sql("""
                            update production.scan_sessions
                               set started_at = least(started_at, :at), last_at = greatest(last_at, :at)
                             where org_id = :org and id = :id""")
                    .param("org", org)
                    .param("id", open.id())
                    .param("at", Timestamp.from(at))
                    .update();
            open = new Open(
                    open.id(),
                    open.employeeId(),
                    at.isBefore(open.startedAt()) ? at : open.startedAt(),
                    at.isAfter(open.lastAt()) ? at : open.lastAt());
        }
        remember(key, open);
        return new Session(open.id(), open.employeeId());
    }

    /**
     * Keeps the open session in memory once the transaction that read or wrote it commits (a rolled-back opening is
     * never remembered), so the scans of the next minute read nothing: a scan inside the session's times needs no
     * write. Sessions are only ever ended here, by the idle rule, which checks the database again.
     */
    private void remember(Key key, Open open) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    recent.put(key, open);
                }
            });
        }
    }

    /** The sessions of a group of steps written at once by one actor (absent: none) from one device. */
    Stretch stretch(UUID org, UUID user, String device) {
        return new Stretch(org, user, device);
    }

    /**
     * A group's sessions: one per station, continued or opened at the group's first step there, and stretched to
     * the group's latest step there once the group is written ({@link #close}).
     */
    final class Stretch {
        private final UUID org;
        private final UUID user;
        private final String device;
        private final Map<UUID, Session> byStation = new HashMap<>();
        private final Map<UUID, Instant> lastAt = new HashMap<>();

        private Stretch(UUID org, UUID user, String device) {
            this.org = org;
            this.user = user;
            this.device = device;
        }

        /** The session of a step at this station and time; null for an actor that is no user or key. */
        Session at(UUID station, Instant at) {
            if (user == null) {
                return null;
            }
            lastAt.merge(station, at, (a, b) -> a.isAfter(b) ? a : b);
            return byStation.computeIfAbsent(station, s -> continueOrOpen(org, user, s, device, at));
        }

        void close() {
            lastAt.forEach((station, at) -> continueOrOpen(org, user, station, device, at));
        }
    }

    private Open open(UUID org, UUID user, UUID station, String device) {
        return jdbc.sql("""
                        select id, employee_id, started_at, last_at from production.scan_sessions
                         where org_id = :org and user_id = :user and station_id = :station and device_id = :device
                           and ended_at is null""")
                .param("org", org)
                .param("user", user)
                .param("station", station)
                .param("device", device)
                .query((rs, n) -> new Open(
                        rs.getObject("id", UUID.class),
                        rs.getObject("employee_id", UUID.class),
                        UnitRow.instant(rs, "started_at"),
                        UnitRow.instant(rs, "last_at")))
                .optional()
                .orElse(null);
    }
}
