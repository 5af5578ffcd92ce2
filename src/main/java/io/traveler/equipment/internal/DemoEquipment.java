package io.traveler.equipment.internal;

import io.traveler.accounts.Accounts;
import io.traveler.accounts.DemoOrganizationsLoaded;
import io.traveler.equipment.internal.EquipmentService.EquipmentData;
import io.traveler.equipment.internal.EquipmentService.LogData;
import io.traveler.equipment.internal.EquipmentService.PlanData;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo factory's equipment, through the same service as the API: a cutting machine, two sewing machines, a
 * press and a fixture at the demo locations and stations, with plans by days and by hours of use; the cutter's
 * blade change is overdue, a sewing machine's service falls due by its hours, and some maintenance is on record.
 * A factory that already has its demo equipment is skipped.
 */
@Component
class DemoEquipment {
    private static final Logger log = LoggerFactory.getLogger(DemoEquipment.class);

    private final EquipmentService equipment;
    private final Fleet fleet;
    private final Accounts accounts;
    private final TransactionTemplate transactions;

    DemoEquipment(EquipmentService equipment, Fleet fleet, Accounts accounts, TransactionTemplate transactions) {
        this.equipment = equipment;
        this.fleet = fleet;
        this.accounts = accounts;
        this.transactions = transactions;
    }

    @Async
    @TransactionalEventListener
    void load(DemoOrganizationsLoaded demo) {
        try {
            TenantContext.runAs(
                    Tenant.user(demo.factoryOrgId(), demo.factoryAdminId()),
                    () -> transactions.executeWithoutResult(s -> {
                        if (!fleet.existsByCode("CUT-01")) {
                            furnish();
                        }
                    }));
        } catch (RuntimeException e) {
            log.warn("Demo equipment stopped: {}", e.toString());
        }
    }

    private void furnish() {
        UUID cutting = accounts.locationByCode("MAIN-CUT")
                .map(Accounts.LocationRef::id)
                .orElse(null);
        UUID assembly = accounts.locationByCode("MAIN-ASM")
                .map(Accounts.LocationRef::id)
                .orElse(null);
        Map<String, UUID> stations = accounts.allStations().stream()
                .collect(Collectors.toMap(Accounts.StationRef::name, Accounts.StationRef::id, (a, b) -> a));
        var today = equipment.today();

        UUID cutter = add(
                "CUT-01",
                "Automatic fabric cutter",
                Equipment.Kind.MACHINE,
                cutting,
                stations.get("Cutting"),
                "AC-7731-22");
        equipment.recordUsage(cutter, io.traveler.shared.jpa.ExpectedVersion.none(), new BigDecimal("1240"), null);
        plan(cutter, "Blade change", 14, null, today.minusDays(17), "Replace the blade and sharpen the drill.");
        plan(cutter, "Lubrication", 7, null, today.minusDays(3), "Oil the rails and the head.");
        plan(cutter, "Full service", 180, new BigDecimal("1000"), today.minusDays(90), null);

        UUID sewing1 = add(
                "SEW-01",
                "Industrial sewing machine 1",
                Equipment.Kind.MACHINE,
                cutting,
                stations.get("Sewing"),
                "JK-5560-001");
        equipment.recordUsage(sewing1, io.traveler.shared.jpa.ExpectedVersion.none(), new BigDecimal("498"), null);
        plan(
                sewing1,
                "Service",
                null,
                new BigDecimal("500"),
                today.minusDays(60),
                BigDecimal.ZERO,
                "Clean, oil, check the timing.");
        equipment.logMaintenance(
                sewing1,
                new LogData(
                        null,
                        Instant.now().minus(Duration.ofDays(20)),
                        null,
                        "Replaced a broken needle plate",
                        new BigDecimal("38.50")));

        UUID sewing2 = add(
                "SEW-02",
                "Industrial sewing machine 2",
                Equipment.Kind.MACHINE,
                cutting,
                stations.get("Sewing"),
                "JK-5560-002");
        equipment.recordUsage(sewing2, io.traveler.shared.jpa.ExpectedVersion.none(), new BigDecimal("130"), null);
        UUID service2 = plan(sewing2, "Service", null, new BigDecimal("500"), today.minusDays(40), null);
        equipment.logMaintenance(
                sewing2,
                new LogData(
                        service2,
                        Instant.now().minus(Duration.ofDays(2)),
                        null,
                        "Cleaned and oiled",
                        new BigDecimal("0")));

        UUID press = add("PRS-01", "Snap press", Equipment.Kind.MACHINE, assembly, stations.get("Assembly"), null);
        plan(press, "Die inspection", 30, null, today.minusDays(25), "Check the dies for wear.");

        UUID fixture =
                add("FIX-01", "Strap sewing jig", Equipment.Kind.FIXTURE, assembly, stations.get("Assembly"), null);
        plan(fixture, "Calibration", 90, null, today.minusDays(10), null);
        add("TL-01", "Hot knife", Equipment.Kind.TOOL, cutting, stations.get("Cutting"), null);
    }

    private UUID add(String code, String name, Equipment.Kind kind, UUID location, UUID station, String serial) {
        return equipment
                .create(new EquipmentData(
                        code, name, kind, Equipment.Status.AVAILABLE, location, station, serial, null, Set.of()))
                .id();
    }

    private UUID plan(
            UUID equipmentId,
            String name,
            Integer days,
            BigDecimal hours,
            java.time.LocalDate since,
            String instructions) {
        return plan(equipmentId, name, days, hours, since, null, instructions);
    }

    private UUID plan(
            UUID equipmentId,
            String name,
            Integer days,
            BigDecimal hours,
            java.time.LocalDate since,
            BigDecimal sinceHours,
            String instructions) {
        return equipment
                .addPlan(equipmentId, new PlanData(name, instructions, days, hours, since, sinceHours, Set.of()))
                .id();
    }
}
