package io.traveler.accounts.internal;

import io.traveler.accounts.DemoOrganizationsLoaded;
import io.traveler.accounts.OrganizationKind;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code traveler.demo-data=true}: a demo factory, brand and shop with locations, stations, employees, users and
 * an active partnership, created through the same services as the API. Loaded once; a restart finds it present.
 */
@Component
@ConditionalOnProperty(name = "traveler.demo-data", havingValue = "true")
class DemoData {
    static final String PASSWORD = "traveler-demo-2026";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final SignupService signup;
    private final Users users;
    private final LocationService locations;
    private final StaffService staff;
    private final MemberService members;
    private final Roles roles;
    private final PartnershipService partnerships;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    DemoData(
            SignupService signup,
            Users users,
            LocationService locations,
            StaffService staff,
            MemberService members,
            Roles roles,
            PartnershipService partnerships,
            TransactionTemplate transactions,
            ApplicationEventPublisher events) {
        this.signup = signup;
        this.users = users;
        this.locations = locations;
        this.staff = staff;
        this.members = members;
        this.roles = roles;
        this.partnerships = partnerships;
        this.transactions = transactions;
        this.events = events;
    }

    @EventListener(ApplicationReadyEvent.class)
    void load() {
        if (users.findByEmailIgnoreCase("admin@factory.demo").isPresent()) {
            return;
        }
        var factory = signup.signUpVerified(
                "Northwind Factory", OrganizationKind.FACTORY, "Fiona Factory", "admin@factory.demo", PASSWORD);
        var brand = signup.signUpVerified(
                "Bluebird Brand", OrganizationKind.BRAND, "Bruno Brand", "admin@brand.demo", PASSWORD);
        signup.signUpVerified("Maple Workshop", OrganizationKind.SHOP, "Sam Shop", "admin@shop.demo", PASSWORD);
        TenantContext.runAs(
                Tenant.user(factory.organizationId(), factory.userId()),
                () -> transactions.executeWithoutResult(status -> furnishFactory()));
        UUID partnershipId =
                TenantContext.callAs(Tenant.user(brand.organizationId(), brand.userId()), () -> partnerships
                        .invite(factory.organizationId(), "Spring collection")
                        .partnership()
                        .id());
        TenantContext.runAs(
                Tenant.user(factory.organizationId(), factory.userId()),
                () -> partnerships.accept(partnershipId, ExpectedVersion.none()));
        // Published in a transaction so that the registry records it and its listeners run after the commit.
        transactions.executeWithoutResult(status -> events.publishEvent(new DemoOrganizationsLoaded(
                factory.organizationId(), factory.userId(), brand.organizationId(), brand.userId())));
        log.info(
                "Demo data loaded: sign in as admin@factory.demo, admin@brand.demo, admin@shop.demo or tech@factory.demo");
    }

    private void furnishFactory() {
        var site = locations.create("MAIN", "Main plant", Location.Kind.SITE, null);
        var cuttingFloor = locations.create("MAIN-CUT", "Cutting floor", Location.Kind.AREA, site.id());
        var assemblyHall = locations.create("MAIN-ASM", "Assembly hall", Location.Kind.AREA, site.id());
        locations.create("MAIN-CUT-01", "Fabric rack 1", Location.Kind.BIN, cuttingFloor.id());
        locations.create("MAIN-ASM-01", "Parts shelf 1", Location.Kind.BIN, assemblyHall.id());

        Map<String, UUID> stations = new LinkedHashMap<>();
        for (String[] s : new String[][] {
            {"Cutting", "8", "cut"},
            {"Sewing", "16", "cut"},
            {"Assembly", "16", "asm"},
            {"Finishing", "8", "asm"},
            {"Quality control", "8", "asm"}
        }) {
            UUID location = "cut".equals(s[2]) ? cuttingFloor.id() : assemblyHall.id();
            stations.put(
                    s[0],
                    staff.createStation(new StaffService.StationData(
                                    s[0], null, null, new BigDecimal(s[1]), location, null, null, Set.of()))
                            .station()
                            .id());
        }
        UUID technicianRole =
                roles.builtIn(BuiltInRole.TECHNICIAN).orElseThrow().id();
        var tech = members.addDirectly("tech@factory.demo", "Tomas Technician", PASSWORD, Set.of(technicianRole));
        List<Object[]> people = new ArrayList<>();
        people.add(new Object[] {"Tomas Technician", "32.50", List.of("Cutting", "Sewing"), tech.userId()});
        people.add(new Object[] {"Amira Assembler", "29.00", List.of("Assembly"), null});
        people.add(new Object[] {"Lena Finisher", "27.75", List.of("Finishing", "Assembly"), null});
        people.add(new Object[] {"Quentin Inspector", "35.00", List.of("Quality control"), null});
        for (Object[] p : people) {
            @SuppressWarnings("unchecked")
            List<UUID> ids = ((List<String>) p[2]).stream().map(stations::get).toList();
            staff.createEmployee(new StaffService.EmployeeData(
                    (String) p[0],
                    null,
                    null,
                    (UUID) p[3],
                    new BigDecimal((String) p[1]),
                    List.of(),
                    null,
                    ids,
                    Set.of()));
        }
    }
}
