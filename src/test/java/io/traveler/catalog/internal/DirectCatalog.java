package io.traveler.catalog.internal;

import io.traveler.testing.Tenants;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationContext;

/** Parts, products and bills of materials made through the catalog's services as one member, without HTTP. */
record DirectCatalog(CatalogService catalog, BomService boms, VariantService variants, Tenants.Member as) {
    static DirectCatalog of(ApplicationContext context, Tenants.Member as) {
        return new DirectCatalog(
                context.getBean(CatalogService.class),
                context.getBean(BomService.class),
                context.getBean(VariantService.class),
                as);
    }

    DirectCatalog as(Tenants.Member other) {
        return new DirectCatalog(catalog, boms, variants, other);
    }

    UUID part(String number, BigDecimal unitCost, UUID categoryId) {
        var data = new CatalogService.PartData(
                number,
                "Part " + number,
                null,
                Part.Kind.COMPONENT,
                "ea",
                unitCost,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                categoryId,
                Set.of());
        return as.call(() -> catalog.createPart(data).id());
    }

    UUID product(String sku) {
        return product(sku, null);
    }

    UUID product(String sku, UUID categoryId) {
        var data = new CatalogService.ProductData(
                sku, "Product " + sku, null, null, null, null, null, categoryId, Set.of());
        return as.call(() -> catalog.createProduct(data).id());
    }

    UUID category(String code, UUID parentId) {
        return as.call(() -> catalog.createCategory(
                        new CatalogService.CategoryData(code, "Category " + code, parentId, Set.of()))
                .id());
    }

    static BomLines.Line line(Bom.ComponentType type, UUID id, String quantity, String waste) {
        return new BomLines.Line(
                type, id, new BigDecimal(quantity), null, new BigDecimal(waste), false, null, null, null);
    }

    UUID draft(UUID productId, BomLines.Line... lines) {
        return as.call(
                () -> boms.createDraft(productId, List.of(lines), null).bom().id());
    }

    /** A DRAFT activated straight away, as an administrator may. */
    UUID activeBom(UUID productId, BomLines.Line... lines) {
        UUID bom = draft(productId, lines);
        as.run(() -> boms.activate(bom, io.traveler.shared.jpa.ExpectedVersion.none()));
        return bom;
    }

    UUID variant(UUID productId, String name) {
        return as.call(() -> variants.create(
                        productId, new VariantService.VariantData(name, null, null, null, null, null, Set.of()))
                .id());
    }
}
