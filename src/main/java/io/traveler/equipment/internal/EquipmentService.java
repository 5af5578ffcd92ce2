package io.traveler.equipment.internal;

import io.traveler.accounts.Accounts;
import io.traveler.settings.OrganizationSettings;
import io.traveler.shared.Ids;
import io.traveler.shared.SearchWords;
import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.jpa.VersionedChanges;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.KeysetPager;
import io.traveler.shared.paging.PageRequest;
import io.traveler.shared.paging.TimeCursor;
import io.traveler.shared.security.Callers;
import io.traveler.shared.tenancy.TenantContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.Predicate;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Equipment, its maintenance plans and the maintenance done. A code names one piece of equipment of the organization
 * and a plan's name one plan of its equipment (409 otherwise); logging maintenance under a plan moves the plan's next
 * due date and hours; hours of use only go forward.
 */
@Service
public class EquipmentService {
    public static final Map<String, String> SORTS = Map.of("code", "code", "name", "name", "created_at", "createdAt");
    /** A piece of equipment's plans are listed whole, so their number is bounded. */
    public static final int MAX_PLANS = 50;
    /** Maintenance may be recorded a little ahead of the server's clock (a tablet's clock), not more. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** Maintenance is recorded as it is done: far older dates are typing errors, and ancient ones break storage. */
    static final LocalDate EARLIEST = LocalDate.of(1970, 1, 1);

    /** Equipment as sent: on creation a null means the default; on a change "keep", unless the field is cleared. */
    public record EquipmentData(
            String code,
            String name,
            Equipment.Kind kind,
            Equipment.Status status,
            UUID locationId,
            UUID stationId,
            String serialNumber,
            String notes,
            Set<String> cleared) {}

    public record EquipmentFilter(String q, Equipment.Status status, Equipment.Kind kind, UUID locationId) {}

    /** A plan as sent; {@code lastDoneOn}/{@code lastDoneHours} restart its count (default: today, the meter). */
    public record PlanData(
            String name,
            String instructions,
            Integer intervalDays,
            BigDecimal intervalHours,
            LocalDate lastDoneOn,
            BigDecimal lastDoneHours,
            Set<String> cleared) {}

    /** Maintenance done: under a plan or none (a repair), when (default now), at which hours of use (default the meter). */
    public record LogData(UUID planId, Instant doneAt, BigDecimal hoursUsed, String notes, BigDecimal cost) {}

    public record LogEntry(
            UUID id,
            UUID equipmentId,
            UUID planId,
            String planName,
            Instant doneAt,
            UUID doneBy,
            BigDecimal hoursUsed,
            String notes,
            BigDecimal cost) {}

    private final Fleet fleet;
    private final MaintenancePlans plans;
    private final Accounts accounts;
    private final OrganizationSettings settings;
    private final JdbcClient jdbc;
    private final EntityManager em;
    private final Callers callers;

    EquipmentService(
            Fleet fleet,
            MaintenancePlans plans,
            Accounts accounts,
            OrganizationSettings settings,
            JdbcClient jdbc,
            EntityManager em,
            Callers callers) {
        this.fleet = fleet;
        this.plans = plans;
        this.accounts = accounts;
        this.settings = settings;
        this.jdbc = jdbc;
        this.em = em;
        this.callers = callers;
    }

    // --- equipment ----------------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public ItemList<Equipment> list(PageRequest page, EquipmentFilter filter) {
        return KeysetPager.page(em, Equipment.class, page, SORTS, (root, cb) -> {
            List<Predicate> where = new ArrayList<>();
            for (String word : SearchWords.of(filter.q())) {
                String pattern = SearchWords.containing(word);
                where.add(cb.or(
                        cb.like(cb.lower(root.get("code")), pattern, '\\'),
                        cb.like(cb.lower(root.get("name")), pattern, '\\'),
                        cb.like(cb.lower(root.get("serialNumber")), pattern, '\\')));
            }
            if (filter.status() != null) {
                where.add(cb.equal(root.get("status"), filter.status()));
            }
            if (filter.kind() != null) {
                where.add(cb.equal(root.get("kind"), filter.kind()));
            }
            if (filter.locationId() != null) {
                where.add(cb.equal(root.get("locationId"), filter.locationId()));
            }
            return where.isEmpty() ? null : cb.and(where.toArray(Predicate[]::new));
        });
    }

    @Transactional(readOnly = true)
    public Equipment equipment(UUID id) {
        return fleet.findById(id).orElseThrow(() -> NotFoundException.of("Equipment", id));
    }

    /** For a change of the meter or of the plans' counts: concurrent ones wait for each other instead of failing. */
    private Equipment locked(UUID id) {
        return fleet.lockById(id).orElseThrow(() -> NotFoundException.of("Equipment", id));
    }

    @Transactional
    public Equipment create(EquipmentData data) {
        requireText("code", data.code(), true);
        requireText("name", data.name(), true);
        if (data.kind() == null) {
            throw new ValidationException("kind", "is required");
        }
        requireFreeCode(data.code().trim(), null);
        var equipment = new Equipment(data.code(), data.name(), data.kind());
        apply(equipment, data);
        return fleet.saveAndFlush(equipment);
    }

    @Transactional
    public Equipment change(UUID id, ExpectedVersion expected, EquipmentData data) {
        return VersionedChanges.change(fleet, equipment(id), expected, equipment -> {
            for (String field : List.of("code", "name", "kind", "status")) {
                if (data.cleared().contains(field)) {
                    throw new ValidationException(field, "is required");
                }
            }
            requireText("code", data.code(), false);
            requireText("name", data.name(), false);
            if (data.code() != null) {
                requireFreeCode(data.code().trim(), equipment.id());
                equipment.recode(data.code());
            }
            if (data.name() != null) {
                equipment.rename(data.name());
            }
            if (data.kind() != null) {
                equipment.classify(data.kind());
            }
            apply(equipment, data);
        });
    }

    /**
     * Equipment goes with its plans; equipment whose maintenance was logged stays (409: retire it, its history is a
     * record), as does equipment a product requires.
     */
    @Transactional
    public void delete(UUID id, ExpectedVersion expected) {
        VersionedChanges.delete(fleet, equipment(id), expected, equipment -> {
            if (exists(
                    "select exists (select 1 from equipment.maintenance_logs where org_id = :org"
                            + " and equipment_id = :id)",
                    equipment.id())) {
                throw new ConflictException(
                        equipment.code() + " has maintenance on record and cannot be deleted; set it RETIRED");
            }
            if (exists(
                    "select exists (select 1 from equipment.product_equipment where org_id = :org"
                            + " and equipment_id = :id)",
                    equipment.id())) {
                throw new ConflictException(
                        equipment.code() + " is required by a product; remove it from the product first");
            }
        });
    }

    /** The floor's status change (in use, in maintenance, out of service); an action: If-Match checked when sent. */
    @Transactional
    public Equipment changeStatus(UUID id, ExpectedVersion expected, Equipment.Status status) {
        Equipment equipment = equipment(id);
        expected.checkIfGiven(equipment.version());
        if ((status == Equipment.Status.RETIRED) != (equipment.status() == Equipment.Status.RETIRED)) {
            // retired equipment leaves the due list and the announcements: not the floor's call
            callers.require("equipment:manage", "Retiring equipment or bringing it back");
        }
        equipment.changeStatus(status);
        return fleet.saveAndFlush(equipment);
    }

    /** Hours of use added ({@code hours}) or the meter as read ({@code reading}): exactly one. */
    @Transactional
    public Equipment recordUsage(UUID id, ExpectedVersion expected, BigDecimal hours, BigDecimal reading) {
        if ((hours == null) == (reading == null)) {
            throw new ValidationException("hours", "give either hours (used since the last reading) or reading");
        }
        Equipment equipment = locked(id);
        expected.checkIfGiven(equipment.version());
        if (equipment.retired()) {
            throw new ConflictException(equipment.code() + " is retired");
        }
        if (hours != null) {
            equipment.use(hours);
        } else {
            equipment.readMeter(reading);
        }
        return fleet.saveAndFlush(equipment);
    }

    private void apply(Equipment equipment, EquipmentData data) {
        Set<String> cleared = data.cleared();
        if (data.status() != null) {
            equipment.changeStatus(data.status());
        }
        UUID location = keep(data.locationId(), equipment.locationId(), cleared, "location_id");
        UUID station = keep(data.stationId(), equipment.stationId(), cleared, "station_id");
        if (data.locationId() != null && accounts.locations(Set.of(location)).isEmpty()) {
            throw new ValidationException("location_id", "is not a location of this organization");
        }
        if (data.stationId() != null && accounts.station(station).isEmpty()) {
            throw new ValidationException("station_id", "is not a station of this organization");
        }
        equipment.placeAt(location, station);
        equipment.describe(
                blankToNull(keep(data.serialNumber(), equipment.serialNumber(), cleared, "serial_number")),
                blankToNull(keep(data.notes(), equipment.notes(), cleared, "notes")));
    }

    private void requireFreeCode(String code, UUID self) {
        fleet.findByCode(code).filter(other -> !other.id().equals(self)).ifPresent(other -> {
            throw new ConflictException("Equipment with the code " + code + " already exists");
        });
    }

    // --- plans --------------------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public List<MaintenancePlan> plansOf(UUID equipmentId) {
        equipment(equipmentId);
        return plans.findByEquipmentIdOrderByNameAscIdAsc(equipmentId);
    }

    @Transactional(readOnly = true)
    public MaintenancePlan plan(UUID equipmentId, UUID planId) {
        return plans.findById(planId)
                .filter(p -> p.equipmentId().equals(equipmentId))
                .orElseThrow(() -> NotFoundException.of("Maintenance plan", planId));
    }

    @Transactional
    public MaintenancePlan addPlan(UUID equipmentId, PlanData data) {
        Equipment equipment = equipment(equipmentId);
        requireText("name", data.name(), true);
        if (plans.findByEquipmentIdOrderByNameAscIdAsc(equipmentId).size() >= MAX_PLANS) {
            throw new ConflictException(equipment.code() + " has " + MAX_PLANS + " plans, the most it may have");
        }
        requireFreePlanName(equipmentId, data.name().trim(), null);
        var plan = new MaintenancePlan(
                equipmentId,
                data.name(),
                data.lastDoneOn() == null ? today() : notAhead(data.lastDoneOn()),
                data.lastDoneHours() == null ? equipment.hoursUsed() : data.lastDoneHours());
        plan.every(data.intervalDays(), data.intervalHours());
        plan.instruct(blankToNull(data.instructions()));
        return plans.saveAndFlush(plan);
    }

    @Transactional
    public MaintenancePlan changePlan(UUID equipmentId, UUID planId, ExpectedVersion expected, PlanData data) {
        return VersionedChanges.change(plans, plan(equipmentId, planId), expected, plan -> {
            if (data.cleared().contains("name")) {
                throw new ValidationException("name", "is required");
            }
            requireText("name", data.name(), false);
            if (data.name() != null) {
                requireFreePlanName(equipmentId, data.name().trim(), plan.id());
                plan.rename(data.name());
            }
            Set<String> cleared = data.cleared();
            plan.every(
                    keep(data.intervalDays(), plan.intervalDays(), cleared, "interval_days"),
                    keep(data.intervalHours(), plan.intervalHours(), cleared, "interval_hours"));
            plan.instruct(blankToNull(keep(data.instructions(), plan.instructions(), cleared, "instructions")));
            if (data.lastDoneOn() != null || data.lastDoneHours() != null) {
                plan.countFrom(
                        data.lastDoneOn() == null ? plan.lastDoneOn() : notAhead(data.lastDoneOn()),
                        data.lastDoneHours() == null ? plan.lastDoneHours() : data.lastDoneHours());
            }
        });
    }

    @Transactional
    public void deletePlan(UUID equipmentId, UUID planId, ExpectedVersion expected) {
        VersionedChanges.delete(plans, plan(equipmentId, planId), expected);
    }

    private void requireFreePlanName(UUID equipmentId, String name, UUID self) {
        plans.findByEquipmentIdAndName(equipmentId, name)
                .filter(other -> !other.id().equals(self))
                .ifPresent(other -> {
                    throw new ConflictException("This equipment already has a plan named " + name);
                });
    }

    // --- maintenance done ---------------------------------------------------------------------------------------

    /**
     * Records maintenance done; under a plan, the plan counts again from then (its next due date and hours move). A
     * reading above the meter moves the meter. One transaction: the log, the plan and the meter change together.
     */
    @Transactional
    public LogEntry logMaintenance(UUID equipmentId, LogData data) {
        Equipment equipment = locked(equipmentId);
        Instant now = Instant.now();
        Instant doneAt = data.doneAt() == null ? now : data.doneAt();
        if (doneAt.isAfter(now.plus(CLOCK_SKEW))) {
            throw new ValidationException("done_at", "must not be in the future");
        }
        if (doneAt.isBefore(EARLIEST.atStartOfDay(ZoneOffset.UTC).toInstant())) {
            throw new ValidationException("done_at", "must not be before " + EARLIEST);
        }
        BigDecimal hours = (data.hoursUsed() == null ? equipment.hoursUsed() : data.hoursUsed())
                .setScale(2, java.math.RoundingMode.HALF_UP);
        MaintenancePlan plan = null;
        if (data.planId() != null) {
            plan = plans.findById(data.planId())
                    .filter(p -> p.equipmentId().equals(equipmentId))
                    .orElseThrow(() -> new ValidationException("plan_id", "is not a plan of this equipment"));
        }
        if (hours.compareTo(equipment.hoursUsed()) > 0) {
            equipment.readMeter(hours);
            fleet.saveAndFlush(equipment);
        }
        if (plan != null) {
            plan.doneOn(LocalDate.ofInstant(doneAt, zone()), hours);
            plans.saveAndFlush(plan);
        }
        UUID id = Ids.newId();
        UUID actor = TenantContext.actorId().orElseThrow();
        jdbc.sql("""
                        insert into equipment.maintenance_logs (org_id, id, equipment_id, plan_id, done_at, done_by,
                                hours_used, notes, cost, created_at)
                        values (:org, :id, :equipment, :plan, :doneAt, :by, :hours, :notes, :cost, now())
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("id", id)
                .param("equipment", equipmentId)
                .param("plan", plan == null ? null : plan.id())
                .param("doneAt", Timestamp.from(doneAt))
                .param("by", actor)
                .param("hours", hours)
                .param("notes", blankToNull(data.notes()))
                .param("cost", data.cost())
                .update();
        return new LogEntry(
                id,
                equipmentId,
                plan == null ? null : plan.id(),
                plan == null ? null : plan.name(),
                doneAt,
                actor,
                hours,
                blankToNull(data.notes()),
                data.cost());
    }

    /** The equipment's maintenance, newest first, {@code limit} after the cursor. */
    @Transactional(readOnly = true)
    public ItemList<LogEntry> logsOf(UUID equipmentId, int limit, String cursor) {
        equipment(equipmentId);
        TimeCursor after = TimeCursor.parse(cursor);
        List<LogEntry> rows = jdbc.sql(LOGS + """
                         where l.org_id = :org and l.equipment_id = :equipment
                           and (cast(:at as timestamptz) is null or (l.done_at, l.id) < (cast(:at as timestamptz), :id))
                         order by l.done_at desc, l.id desc
                         limit :limit
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("equipment", equipmentId)
                .param("at", TimeCursor.timeOf(after))
                .param("id", after == null ? Ids.newId() : after.id())
                .param("limit", limit + 1)
                .query(EquipmentService::logEntry)
                .list();
        return TimeCursor.page(rows, limit, row -> new TimeCursor(row.doneAt(), row.id()));
    }

    static final String LOGS = """
            select l.id, l.equipment_id, l.plan_id, p.name as plan_name, l.done_at, l.done_by, l.hours_used, l.notes,
                   l.cost
              from equipment.maintenance_logs l
              left join equipment.maintenance_plans p on p.org_id = l.org_id and p.id = l.plan_id
            """;

    static LogEntry logEntry(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new LogEntry(
                rs.getObject("id", UUID.class),
                rs.getObject("equipment_id", UUID.class),
                rs.getObject("plan_id", UUID.class),
                rs.getString("plan_name"),
                rs.getTimestamp("done_at").toInstant(),
                rs.getObject("done_by", UUID.class),
                rs.getBigDecimal("hours_used"),
                rs.getString("notes"),
                rs.getBigDecimal("cost"));
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    /** Today where the organization is. */
    public LocalDate today() {
        return LocalDate.now(zone());
    }

    public ZoneId zone() {
        return ZoneId.of(settings.current().timezone());
    }

    private LocalDate notAhead(LocalDate day) {
        if (day.isAfter(today())) {
            throw new ValidationException("last_done_on", "must not be in the future");
        }
        if (day.isBefore(EARLIEST)) {
            throw new ValidationException("last_done_on", "must not be before " + EARLIEST);
        }
        return day;
    }

    private boolean exists(String sql, UUID id) {
        return jdbc.sql(sql)
                .param("org", TenantContext.requireOrgId())
                .param("id", id)
                .query(Boolean.class)
                .single();
    }

    private static void requireText(String field, String value, boolean required) {
        if (value == null ? required : value.isBlank()) {
            throw new ValidationException(field, "is required");
        }
    }

    private static <T> T keep(T sent, T current, Set<String> cleared, String field) {
        return sent != null ? sent : cleared.contains(field) ? null : current;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
