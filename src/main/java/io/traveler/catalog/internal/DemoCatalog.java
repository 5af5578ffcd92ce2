package io.traveler.catalog.internal;

import io.traveler.accounts.DemoOrganizationsLoaded;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo catalog, through the same services as the API: the factory's daypack with a two-level bill of materials
 * (a substitute buckle, an optional key clip), and the brand's daypack with two colour variants mapped to the
 * factory, and the factory's configurable sink (SINK-CUSTOM), whose options and rules the configurator's demo adds.
 *
 * <p>Runs after the publishing transaction commits, on another thread, recorded in the event publication registry
 * (not {@code @ApplicationModuleListener}, whose transaction would open before the tenant is set). A re-delivered
 * event changes nothing: an organization that already has its demo product is skipped.
 */
@Component
class DemoCatalog {
    private final CatalogService catalog;
    private final BomService boms;
    private final VariantService variants;
    private final Products products;
    private final TransactionTemplate transactions;

    DemoCatalog(
            CatalogService catalog,
            BomService boms,
            VariantService variants,
            Products products,
            TransactionTemplate transactions) {
        this.catalog = catalog;
        this.boms = boms;
        this.variants = variants;
        this.products = products;
        this.transactions = transactions;
    }

    @Async
    @TransactionalEventListener
    void load(DemoOrganizationsLoaded demo) {
        TenantContext.runAs(
                Tenant.user(demo.factoryOrgId(), demo.factoryAdminId()),
                () -> transactions.executeWithoutResult(s -> {
                    if (!products.existsBySku("BP-20")) {
                        furnishFactory();
                    }
                    if (!products.existsBySku("SINK-CUSTOM")) {
                        furnishSink();
                    }
                }));
        TenantContext.runAs(
                Tenant.user(demo.brandOrgId(), demo.brandAdminId()),
                () -> transactions.executeWithoutResult(s -> {
                    if (!products.existsBySku("BB-DAYPACK")) {
                        furnishBrand(demo.factoryOrgId());
                    }
                }));
    }

    private void furnishFactory() {
        UUID fabrics = category("FAB", "Fabrics", null);
        UUID hardware = category("HW", "Hardware", null);
        UUID assemblies = category("ASM", "Assemblies", null);
        Map<String, UUID> parts = new HashMap<>();
        for (String[] p : new String[][] {
            {"FAB-CORD-600", "Cordura 600D fabric, black", "MATERIAL", "m", "8.40", "0.35"},
            {"FAB-LINING", "Nylon lining, grey", "MATERIAL", "m", "3.10", "0.12"},
            {"WEB-25", "Polypropylene webbing 25 mm", "MATERIAL", "m", "0.60", "0.02"},
            {"HW-ZIP-5", "Coil zipper #5, 60 cm", "HARDWARE", "pcs", "0.85", "0.02"},
            {"HW-BUCKLE-25", "Side-release buckle 25 mm, acetal", "HARDWARE", "pcs", "0.40", "0.01"},
            {"HW-BUCKLE-25-M", "Side-release buckle 25 mm, aluminium", "HARDWARE", "pcs", "1.20", "0.03"},
            {"HW-KEYCLIP", "Key clip", "HARDWARE", "pcs", "0.35", "0.01"},
            {"THR-BOND-69", "Bonded nylon thread Tex 70", "CONSUMABLE", "m", "0.002", "0.0001"}
        }) {
            UUID category = p[0].startsWith("FAB") || p[0].startsWith("WEB") ? fabrics : hardware;
            parts.put(
                    p[0],
                    catalog.createPart(new CatalogService.PartData(
                                    p[0],
                                    p[1],
                                    null,
                                    Part.Kind.valueOf(p[2]),
                                    p[3],
                                    new BigDecimal(p[4]),
                                    new BigDecimal(p[5]),
                                    null,
                                    null,
                                    14,
                                    null,
                                    false,
                                    Part.Status.ACTIVE,
                                    category,
                                    Set.of()))
                            .id());
        }
        UUID strap = product("STRAP-25", "Shoulder strap assembly", null, assemblies);
        UUID daypack = product("BP-20", "Daypack 20 L", new BigDecimal("64.00"), assemblies);
        activate(
                strap,
                List.of(
                        line(Bom.ComponentType.PART, parts.get("WEB-25"), "1.2", "0.05", false, null, 0),
                        line(Bom.ComponentType.PART, parts.get("HW-BUCKLE-25"), "1", "0", false, "buckle", 1),
                        line(Bom.ComponentType.PART, parts.get("HW-BUCKLE-25-M"), "1", "0", false, "buckle", 2)));
        activate(
                daypack,
                List.of(
                        line(Bom.ComponentType.PART, parts.get("FAB-CORD-600"), "1.1", "0.08", false, null, 0),
                        line(Bom.ComponentType.PART, parts.get("FAB-LINING"), "0.9", "0.05", false, null, 0),
                        line(Bom.ComponentType.PART, parts.get("HW-ZIP-5"), "2", "0", false, null, 0),
                        line(Bom.ComponentType.PRODUCT, strap, "2", "0", false, null, 0),
                        line(Bom.ComponentType.PART, parts.get("THR-BOND-69"), "45", "0.1", false, null, 0),
                        line(Bom.ComponentType.PART, parts.get("HW-KEYCLIP"), "1", "0", true, null, 0)));
    }

    /**
     * The seed's sink: a base BOM of stock parts, and the lift kit and LED strip that the configurator's rules add
     * when a customer asks for them (the cut-to-size top is a custom part the rules mint).
     */
    private void furnishSink() {
        UUID sinks = category("SNK", "Sinks", null);
        Map<String, UUID> parts = new HashMap<>();
        for (String[] p : new String[][] {
            {"SS-BOWL-16", "Stainless steel basin bowl, 16 gauge", "COMPONENT", "pcs", "38.00"},
            {"DRAIN-35", "Basket strainer drain 3.5 in", "HARDWARE", "pcs", "6.50"},
            {"BRKT-SINK", "Mounting bracket", "HARDWARE", "pcs", "1.10"},
            {"SEAL-SIL", "Silicone sealant", "CONSUMABLE", "ml", "0.02"},
            {"LIFT-KIT", "Electric height-adjustment lift kit", "COMPONENT", "pcs", "410.00"},
            {"LED-STRIP", "LED light strip, warm white", "COMPONENT", "ft", "3.20"}
        }) {
            parts.put(
                    p[0],
                    catalog.createPart(new CatalogService.PartData(
                                    p[0],
                                    p[1],
                                    null,
                                    Part.Kind.valueOf(p[2]),
                                    p[3],
                                    new BigDecimal(p[4]),
                                    null,
                                    null,
                                    null,
                                    7,
                                    null,
                                    false,
                                    Part.Status.ACTIVE,
                                    sinks,
                                    Set.of()))
                            .id());
        }
        UUID sink = product("SINK-CUSTOM", "Custom sink", new BigDecimal("400.00"), sinks);
        activate(
                sink,
                List.of(
                        line(Bom.ComponentType.PART, parts.get("SS-BOWL-16"), "1", "0", false, null, 0),
                        line(Bom.ComponentType.PART, parts.get("DRAIN-35"), "1", "0", false, null, 0),
                        line(Bom.ComponentType.PART, parts.get("BRKT-SINK"), "4", "0", false, null, 0),
                        line(Bom.ComponentType.PART, parts.get("SEAL-SIL"), "120", "0.1", false, null, 0)));
    }

    private void furnishBrand(UUID factoryOrgId) {
        UUID daypack = product("BB-DAYPACK", "Bluebird daypack", new BigDecimal("79.00"), null);
        for (String[] v : new String[][] {
            {"Bluebird daypack, ocean blue", "BB-DAYPACK-BLU", "blue", "NW-BP20-BLU"},
            {"Bluebird daypack, forest green", "BB-DAYPACK-GRN", "green", "NW-BP20-GRN"}
        }) {
            Variant variant = variants.create(
                    daypack,
                    new VariantService.VariantData(
                            v[0], v[1], "{\"color\": \"" + v[2] + "\"}", null, null, Variant.Status.ACTIVE, Set.of()));
            variants.createSupplierVariant(
                    variant.id(),
                    new VariantService.SupplierVariantData(
                            factoryOrgId,
                            "BP-20",
                            null,
                            v[3],
                            new BigDecimal("31.50"),
                            new BigDecimal("100"),
                            21,
                            SupplierVariant.Availability.AVAILABLE,
                            Set.of()));
        }
    }

    private UUID category(String code, String name, UUID parentId) {
        return catalog.createCategory(new CatalogService.CategoryData(code, name, parentId, Set.of()))
                .id();
    }

    private UUID product(String sku, String name, BigDecimal basePrice, UUID categoryId) {
        return catalog.createProduct(new CatalogService.ProductData(
                        sku,
                        name,
                        null,
                        Product.Type.COMPONENT,
                        basePrice,
                        null,
                        Product.Status.ACTIVE,
                        categoryId,
                        Set.of()))
                .id();
    }

    private void activate(UUID productId, List<BomLines.Line> lines) {
        var draft = boms.createDraft(productId, lines, "Demo data");
        boms.activate(draft.bom().id(), ExpectedVersion.none(), true);
    }

    private static BomLines.Line line(
            Bom.ComponentType type,
            UUID id,
            String quantity,
            String waste,
            boolean optional,
            String substituteGroup,
            int preference) {
        return new BomLines.Line(
                type,
                id,
                new BigDecimal(quantity),
                null,
                new BigDecimal(waste),
                optional,
                substituteGroup,
                preference,
                null);
    }
}
