package io.traveler.production.web;

import io.traveler.accounts.Accounts;
import io.traveler.shared.ActorNames;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.tenancy.TenantContext;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** What the scan station shows of a unit: where it is now and its latest passport events, newest first. */
@Component
class ScanStationPassport {
    static final int LATEST = 8;

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final ActorNames actors;

    ScanStationPassport(JdbcClient jdbc, Accounts accounts, ActorNames actors) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.actors = actors;
    }

    record Unit(UUID id, String serial, String status, UUID stationId, int eventSeq) {}

    record Row(int seq, String kind, Instant at, UUID stationId, UUID actorId, String deviceId) {}

    /** One passport line as the page prints it. */
    public record Line(int seq, String kind, Instant at, String station, String actor, String device) {
        private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm:ss");

        public String when() {
            return WHEN.format(at.atZone(ZoneId.systemDefault()));
        }

        public String label() {
            return kind.charAt(0) + kind.substring(1).toLowerCase().replace('_', ' ');
        }
    }

    public record Passport(UUID unitId, String serial, String status, String station, List<Line> latest) {}

    @Transactional(readOnly = true)
    Passport of(UUID unitId) {
        UUID orgId = TenantContext.requireOrgId();
        Unit unit = jdbc.sql("""
                        select id, serial, status, station_id, event_seq from production.units
                        where org_id = :org and id = :id""")
                .param("org", orgId)
                .param("id", unitId)
                .query(Unit.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("Unit", unitId));
        List<Row> rows = jdbc.sql("""
                        select seq, kind, at, station_id, actor_id, device_id from production.unit_events
                        where org_id = :org and unit_id = :id
                        order by seq desc limit :limit""")
                .param("org", orgId)
                .param("id", unitId)
                .param("limit", LATEST)
                .query(Row.class)
                .list();
        Set<UUID> stationIds = new HashSet<>();
        if (unit.stationId() != null) {
            stationIds.add(unit.stationId());
        }
        rows.stream().map(Row::stationId).filter(Objects::nonNull).forEach(stationIds::add);
        Map<UUID, Accounts.StationRef> stations = accounts.stations(stationIds);
        Map<UUID, String> names = actors.namesOf(
                rows.stream().map(Row::actorId).filter(Objects::nonNull).toList());
        List<Line> lines = rows.stream()
                .map(r -> new Line(
                        r.seq(),
                        r.kind(),
                        r.at(),
                        nameOf(stations, r.stationId()),
                        r.actorId() == null ? null : names.get(r.actorId()),
                        r.deviceId()))
                .toList();
        return new Passport(unit.id(), unit.serial(), unit.status(), nameOf(stations, unit.stationId()), lines);
    }

    private static String nameOf(Map<UUID, Accounts.StationRef> stations, UUID id) {
        Accounts.StationRef station = id == null ? null : stations.get(id);
        return station == null ? null : station.name();
    }
}
