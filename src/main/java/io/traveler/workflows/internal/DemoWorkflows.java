package io.traveler.workflows.internal;

import io.traveler.accounts.Accounts;
import io.traveler.accounts.DemoOrganizationsLoaded;
import io.traveler.catalog.Catalog;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.workflows.internal.StationTaskTemplates.TemplateData;
import io.traveler.workflows.internal.WorkflowDefinition.ActionDefinition;
import io.traveler.workflows.internal.WorkflowDefinition.StageDefinition;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo factory's workflows, made through the same services as the API: a daypack line over all five demo
 * stations and a strap line over three, each the default of its demo product, and the task templates of every demo
 * station. It hears the same event as the demo catalog, on another thread, so it waits (with a deadline) for the
 * products it names. A factory that already has workflows is skipped.
 */
@Component
class DemoWorkflows {
    private static final Logger log = LoggerFactory.getLogger(DemoWorkflows.class);
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private final WorkflowService workflows;
    private final WorkflowVersions versions;
    private final StationTaskTemplates templates;
    private final Accounts accounts;
    private final Catalog catalog;
    private final TransactionTemplate transactions;

    DemoWorkflows(
            WorkflowService workflows,
            WorkflowVersions versions,
            StationTaskTemplates templates,
            Accounts accounts,
            Catalog catalog,
            TransactionTemplate transactions) {
        this.workflows = workflows;
        this.versions = versions;
        this.templates = templates;
        this.accounts = accounts;
        this.catalog = catalog;
        this.transactions = transactions;
    }

    @Async
    @TransactionalEventListener
    void load(DemoOrganizationsLoaded demo) {
        var factory = Tenant.user(demo.factoryOrgId(), demo.factoryAdminId());
        try {
            var daypack = await(factory, () -> catalog.sellableBySku("BP-20"));
            var strap = await(factory, () -> catalog.sellableBySku("STRAP-25"));
            TenantContext.runAs(
                    factory,
                    () -> transactions.executeWithoutResult(status -> {
                        if (versions.count() > 0) {
                            return;
                        }
                        furnish(
                                daypack.map(Catalog.SellableRef::productId).orElse(null),
                                strap.map(Catalog.SellableRef::productId).orElse(null));
                    }));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void furnish(UUID daypack, UUID strap) {
        Map<String, UUID> stations = accounts.allStations().stream()
                .collect(Collectors.toMap(Accounts.StationRef::name, Accounts.StationRef::id, (a, b) -> a));
        if (!stations.keySet().containsAll(Set.of("Cutting", "Sewing", "Assembly", "Finishing", "Quality control"))) {
            log.warn("Demo workflows skipped: the demo stations are not there");
            return;
        }
        var daypackLine = workflows.create(
                new WorkflowDefinition(
                        "Daypack line",
                        "From the fabric rack to the signed-off pack.",
                        List.of(
                                stage(
                                        "Cut panels",
                                        stations.get("Cutting"),
                                        120,
                                        checklist("Panels cut", "Body panels", "Pocket panels", "Strap blanks")),
                                stage(
                                        "Sew body",
                                        stations.get("Sewing"),
                                        240,
                                        new ActionDefinition(
                                                "measurement",
                                                "Seam allowance",
                                                true,
                                                null,
                                                "mm",
                                                new BigDecimal("10"),
                                                new BigDecimal("1"),
                                                null)),
                                stage(
                                        "Assemble hardware",
                                        stations.get("Assembly"),
                                        180,
                                        action("scan", "Scan the buckle batch")),
                                stage(
                                        "Finish",
                                        stations.get("Finishing"),
                                        60,
                                        action("photo", "Photo of the finished pack")),
                                stage(
                                        "Inspect and release",
                                        stations.get("Quality control"),
                                        45,
                                        new ActionDefinition(
                                                "sign_off",
                                                "Release",
                                                true,
                                                null,
                                                null,
                                                null,
                                                null,
                                                "projects:manage")))),
                false);
        var strapLine = workflows.create(
                new WorkflowDefinition(
                        "Strap line",
                        "Shoulder straps for the packs.",
                        List.of(
                                stage("Cut webbing", stations.get("Cutting"), 30),
                                stage("Sew straps", stations.get("Sewing"), 60),
                                stage(
                                        "Check straps",
                                        stations.get("Quality control"),
                                        15,
                                        checklist("Strap check", "Stitch density", "Buckle pull test")))),
                false);
        if (daypack != null) {
            workflows.assignProducts(daypackLine.id(), List.of(daypack));
        }
        if (strap != null) {
            workflows.assignProducts(strapLine.id(), List.of(strap));
        }
        template(stations.get("Cutting"), 1, "Pull fabric from the rack", 10, List.of());
        template(stations.get("Cutting"), 2, "Cut to pattern", 60, List.of("Check the grain", "Count the pieces"));
        template(stations.get("Sewing"), 1, "Thread and test the machine", 10, List.of());
        template(stations.get("Sewing"), 2, "Sew the seams", 120, List.of("Back-tack every seam"));
        template(stations.get("Assembly"), 1, "Fit the hardware", 60, List.of("Buckles", "Zips"));
        template(stations.get("Assembly"), 2, "Attach the straps", 45, List.of());
        template(stations.get("Finishing"), 1, "Trim threads", 20, List.of());
        template(stations.get("Finishing"), 2, "Label and tag", 15, List.of("Care label", "Price tag"));
        template(
                stations.get("Quality control"),
                1,
                "Inspect seams and hardware",
                30,
                List.of("Seams straight", "Hardware secure", "No stains"));
    }

    private void template(UUID station, int sequence, String title, int minutes, List<String> checklist) {
        templates.create(station, new TemplateData(title, null, sequence, minutes, checklist, true, Set.of()));
    }

    private static StageDefinition stage(String name, UUID station, int minutes, ActionDefinition... actions) {
        return new StageDefinition(name, station, minutes, null, List.of(actions));
    }

    private static ActionDefinition action(String kind, String label) {
        return new ActionDefinition(kind, label, true, null, null, null, null, null);
    }

    private static ActionDefinition checklist(String label, String... items) {
        return new ActionDefinition("checklist", label, true, List.of(items), null, null, null, null);
    }

    private <T> Optional<T> await(Tenant tenant, Supplier<Optional<T>> lookup) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            Optional<T> found = TenantContext.callAs(tenant, () -> transactions.execute(status -> lookup.get()));
            if (found.isPresent() || Instant.now().isAfter(deadline)) {
                return found;
            }
            Thread.sleep(500);
        }
    }
}
