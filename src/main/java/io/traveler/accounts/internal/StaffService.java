package io.traveler.accounts.internal;

import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.jpa.VersionedChanges;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.KeysetPager;
import io.traveler.shared.paging.PageRequest;
import io.traveler.shared.tenancy.TenantContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.Predicate;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Employees and stations, and who works at which station. */
@Service
public class StaffService {
    public static final Map<String, String> EMPLOYEE_SORTS = Map.of("name", "name", "created_at", "createdAt");
    public static final Map<String, String> STATION_SORTS = Map.of("name", "name", "created_at", "createdAt");

    private final Employees employees;
    private final Stations stations;
    private final StationMembers members;
    private final Locations locations;
    private final Memberships memberships;
    private final EntityManager em;
    private final JdbcClient jdbc;

    StaffService(
            Employees employees,
            Stations stations,
            StationMembers members,
            Locations locations,
            Memberships memberships,
            EntityManager em,
            JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.employees = employees;
        this.stations = stations;
        this.members = members;
        this.locations = locations;
        this.memberships = memberships;
        this.em = em;
    }

    public record EmployeeData(
            String name,
            String email,
            String phone,
            UUID userId,
            BigDecimal hourlyRate,
            List<String> skills,
            Employee.Status status,
            List<UUID> stationIds,
            Set<String> cleared) {}

    public record StationData(
            String name,
            String description,
            UUID leaderId,
            BigDecimal capacityHoursPerDay,
            UUID locationId,
            Station.Status status,
            List<UUID> memberIds,
            Set<String> cleared) {}

    public record EmployeeWithStations(Employee employee, List<UUID> stationIds) {}

    public record StationWithMembers(Station station, List<UUID> memberIds) {
        /** The same station as {@link #storedStation} reads it. */
        public StoredStation stored() {
            return new StoredStation(
                    station.id(),
                    station.name(),
                    station.description(),
                    station.leaderId(),
                    station.capacityHoursPerDay(),
                    station.locationId(),
                    station.status(),
                    memberIds,
                    station.version(),
                    station.createdAt(),
                    station.updatedAt());
        }
    }

    /** A station as stored, with its members' ids (sorted), version and times: what the API answers. */
    public record StoredStation(
            UUID id,
            String name,
            String description,
            UUID leaderId,
            BigDecimal capacityHoursPerDay,
            UUID locationId,
            Station.Status status,
            List<UUID> memberIds,
            long version,
            Instant createdAt,
            Instant updatedAt) {}

    // --- employees -------------------------------------------------------------------------------------------

    /** Every employee by name, for choosing one in a form. */
    @Transactional(readOnly = true)
    public List<Employee> allEmployees() {
        return employees.findAll(Sort.by("name", "id"));
    }

    @Transactional(readOnly = true)
    public ItemList<EmployeeWithStations> listEmployees(
            PageRequest page, String q, UUID stationId, Employee.Status status) {
        ItemList<Employee> found = KeysetPager.page(em, Employee.class, page, EMPLOYEE_SORTS, (root, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (q != null && !q.isBlank()) {
                where.add(cb.like(
                        cb.lower(root.get("name")),
                        "%" + q.toLowerCase(Locale.ROOT).trim() + "%"));
            }
            if (status != null) {
                where.add(cb.equal(root.get("status"), status));
            }
            if (stationId != null) {
                var sub = cb.createQuery().subquery(UUID.class);
                var member = sub.from(StationMember.class);
                sub.select(member.get("employeeId")).where(cb.equal(member.get("stationId"), stationId));
                where.add(root.get("id").in(sub));
            }
            return where.isEmpty() ? null : cb.and(where.toArray(Predicate[]::new));
        });
        Map<UUID, List<UUID>> stationsByEmployee =
                members
                        .findByEmployeeIdIn(
                                found.items().stream().map(Employee::id).toList())
                        .stream()
                        .collect(Collectors.groupingBy(
                                StationMember::employeeId,
                                Collectors.mapping(StationMember::stationId, Collectors.toList())));
        return found.map(e -> new EmployeeWithStations(e, stationsByEmployee.getOrDefault(e.id(), List.of())));
    }

    @Transactional(readOnly = true)
    public EmployeeWithStations employee(UUID id) {
        return new EmployeeWithStations(findEmployee(id), stationIdsOf(id));
    }

    private Employee findEmployee(UUID id) {
        return employees.findById(id).orElseThrow(() -> NotFoundException.of("Employee", id));
    }

    @Transactional
    public EmployeeWithStations createEmployee(EmployeeData data) {
        var employee = new Employee(data.name());
        apply(employee, data);
        employees.saveAndFlush(employee);
        if (data.stationIds() != null) {
            replaceStationsOf(employee.id(), data.stationIds());
        }
        return new EmployeeWithStations(employee, stationIdsOf(employee.id()));
    }

    @Transactional
    public EmployeeWithStations changeEmployee(UUID id, ExpectedVersion expected, EmployeeData data) {
        Employee employee = VersionedChanges.change(employees, findEmployee(id), expected, changed -> {
            if (data.name() != null) {
                changed.rename(data.name());
            }
            apply(changed, data);
        });
        if (data.stationIds() != null) {
            replaceStationsOf(id, data.stationIds());
        }
        return new EmployeeWithStations(employee, stationIdsOf(id));
    }

    @Transactional
    public void deleteEmployee(UUID id, ExpectedVersion expected) {
        VersionedChanges.delete(employees, findEmployee(id), expected, employee -> {
            members.deleteAll(members.findByEmployeeId(id));
            stations.findByLeaderId(id).forEach(station -> station.ledBy(null));
        });
    }

    private void apply(Employee employee, EmployeeData data) {
        clear(employee, data.cleared());
        if (data.email() != null || data.phone() != null) {
            employee.contactAt(
                    data.email() != null ? blankToNull(data.email()) : employee.email(),
                    data.phone() != null ? blankToNull(data.phone()) : employee.phone());
        }
        if (data.hourlyRate() != null) {
            employee.payAt(data.hourlyRate());
        }
        if (data.skills() != null) {
            employee.setSkills(data.skills());
        }
        if (data.status() != null) {
            employee.changeStatus(data.status());
        }
        if (data.userId() != null) {
            boolean member = memberships.findByUserId(data.userId()).isPresent();
            if (!member) {
                throw new ValidationException("user_id", "is not a member of this organization");
            }
            employee.linkUser(data.userId());
        }
    }

    /** Values a request named as cleared (JSON null in a PATCH, an emptied field in a form). */
    private static void clear(Employee employee, Set<String> cleared) {
        if (cleared.contains("email") || cleared.contains("phone")) {
            employee.contactAt(
                    cleared.contains("email") ? null : employee.email(),
                    cleared.contains("phone") ? null : employee.phone());
        }
        if (cleared.contains("hourly_rate")) {
            employee.payAt(null);
        }
        if (cleared.contains("user_id")) {
            employee.linkUser(null);
        }
    }

    private static void clear(Station station, Set<String> cleared) {
        if (cleared.contains("description")) {
            station.describe(null);
        }
        if (cleared.contains("leader_id")) {
            station.ledBy(null);
        }
        if (cleared.contains("location_id")) {
            station.locatedAt(null);
        }
    }

    private List<UUID> stationIdsOf(UUID employeeId) {
        return members.findByEmployeeId(employeeId).stream()
                .map(StationMember::stationId)
                .sorted()
                .toList();
    }

    private void replaceStationsOf(UUID employeeId, Collection<UUID> stationIds) {
        Set<UUID> wanted = new HashSet<>(stationIds);
        requireAll("station_ids", wanted, stations::existsById);
        List<StationMember> current = members.findByEmployeeId(employeeId);
        current.stream().filter(m -> !wanted.contains(m.stationId())).forEach(members::delete);
        Set<UUID> existing = current.stream().map(StationMember::stationId).collect(Collectors.toSet());
        wanted.stream().filter(s -> !existing.contains(s)).forEach(s -> members.save(new StationMember(s, employeeId)));
        members.flush();
    }

    // --- stations --------------------------------------------------------------------------------------------

    /** Every station by name, for choosing stations in a form. */
    @Transactional(readOnly = true)
    public List<Station> allStations() {
        return stations.findAll(Sort.by("name", "id"));
    }

    @Transactional(readOnly = true)
    public ItemList<StationWithMembers> listStations(PageRequest page, String q, Station.Status status) {
        ItemList<Station> found = KeysetPager.page(em, Station.class, page, STATION_SORTS, (root, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (q != null && !q.isBlank()) {
                where.add(cb.like(
                        cb.lower(root.get("name")),
                        "%" + q.toLowerCase(Locale.ROOT).trim() + "%"));
            }
            if (status != null) {
                where.add(cb.equal(root.get("status"), status));
            }
            return where.isEmpty() ? null : cb.and(where.toArray(Predicate[]::new));
        });
        Map<UUID, List<UUID>> membersByStation =
                members
                        .findByStationIdIn(
                                found.items().stream().map(Station::id).toList())
                        .stream()
                        .collect(Collectors.groupingBy(
                                StationMember::stationId,
                                Collectors.mapping(StationMember::employeeId, Collectors.toList())));
        return found.map(s -> new StationWithMembers(s, membersByStation.getOrDefault(s.id(), List.of())));
    }

    /**
     * The station and its members' ids in one statement: the API's single-resource read, which changes nothing and
     * so needs neither the entity nor a second round trip for the members.
     */
    @Transactional(readOnly = true)
    public StoredStation storedStation(UUID id) {
        return jdbc.sql("""
                        select s.id, s.name, s.description, s.leader_id, s.capacity_hours_per_day, s.location_id,
                               s.status, s.version, s.created_at, s.updated_at,
                               array(select m.employee_id from accounts.station_members m
                                      where m.org_id = s.org_id and m.station_id = s.id) as member_ids
                          from accounts.stations s
                         where s.org_id = :org and s.id = :id""")
                .param("org", TenantContext.requireOrgId())
                .param("id", id)
                .query((rs, row) -> new StoredStation(
                        rs.getObject("id", UUID.class),
                        rs.getString("name"),
                        rs.getString("description"),
                        rs.getObject("leader_id", UUID.class),
                        rs.getBigDecimal("capacity_hours_per_day"),
                        rs.getObject("location_id", UUID.class),
                        Station.Status.valueOf(rs.getString("status")),
                        Arrays.stream((UUID[]) rs.getArray("member_ids").getArray())
                                .sorted()
                                .toList(),
                        rs.getLong("version"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("updated_at", OffsetDateTime.class).toInstant()))
                .optional()
                .orElseThrow(() -> NotFoundException.of("Station", id));
    }

    @Transactional(readOnly = true)
    public StationWithMembers station(UUID id) {
        return new StationWithMembers(findStation(id), memberIdsOf(id));
    }

    private Station findStation(UUID id) {
        return stations.findById(id).orElseThrow(() -> NotFoundException.of("Station", id));
    }

    @Transactional
    public StationWithMembers createStation(StationData data) {
        var station = new Station(data.name());
        apply(station, data);
        stations.saveAndFlush(station);
        if (data.memberIds() != null) {
            replaceMembersOf(station.id(), data.memberIds());
        }
        return new StationWithMembers(station, memberIdsOf(station.id()));
    }

    @Transactional
    public StationWithMembers changeStation(UUID id, ExpectedVersion expected, StationData data) {
        Station station = VersionedChanges.change(stations, findStation(id), expected, changed -> {
            if (data.name() != null) {
                changed.rename(data.name());
            }
            apply(changed, data);
        });
        if (data.memberIds() != null) {
            replaceMembersOf(id, data.memberIds());
        }
        return new StationWithMembers(station, memberIdsOf(id));
    }

    @Transactional
    public void deleteStation(UUID id, ExpectedVersion expected) {
        VersionedChanges.delete(
                stations, findStation(id), expected, station -> members.deleteAll(members.findByStationId(id)));
    }

    private void apply(Station station, StationData data) {
        clear(station, data.cleared());
        if (data.description() != null) {
            station.describe(blankToNull(data.description()));
        }
        if (data.leaderId() != null) {
            if (!employees.existsById(data.leaderId())) {
                throw new ValidationException("leader_id", "is not an employee of this organization");
            }
            station.ledBy(data.leaderId());
        }
        if (data.capacityHoursPerDay() != null) {
            station.withCapacity(data.capacityHoursPerDay());
        }
        if (data.locationId() != null) {
            if (!locations.existsById(data.locationId())) {
                throw new ValidationException("location_id", "is not a location of this organization");
            }
            station.locatedAt(data.locationId());
        }
        if (data.status() != null) {
            station.changeStatus(data.status());
        }
    }

    private List<UUID> memberIdsOf(UUID stationId) {
        return members.findByStationId(stationId).stream()
                .map(StationMember::employeeId)
                .sorted()
                .toList();
    }

    private void replaceMembersOf(UUID stationId, Collection<UUID> employeeIds) {
        Set<UUID> wanted = new HashSet<>(employeeIds);
        requireAll("member_ids", wanted, employees::existsById);
        List<StationMember> current = members.findByStationId(stationId);
        current.stream().filter(m -> !wanted.contains(m.employeeId())).forEach(members::delete);
        Set<UUID> existing = current.stream().map(StationMember::employeeId).collect(Collectors.toSet());
        wanted.stream().filter(e -> !existing.contains(e)).forEach(e -> members.save(new StationMember(stationId, e)));
        members.flush();
    }

    private static void requireAll(String field, Set<UUID> ids, java.util.function.Predicate<UUID> exists) {
        for (UUID id : ids) {
            if (!exists.test(id)) {
                throw new ValidationException(field, id + " does not exist in this organization");
            }
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
