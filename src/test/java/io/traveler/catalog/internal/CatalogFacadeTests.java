package io.traveler.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.catalog.Catalog;
import io.traveler.catalog.Catalog.SellableRef;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Tenants;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** What quote and order lines read of the catalog: SKU, name and list price, and a factory's codes for a variant. */
@ApplicationTest
class CatalogFacadeTests {
    @Autowired
    ApplicationContext context;

    @Autowired
    Catalog catalog;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    Tenants.Member brand;
    DirectCatalog fixtures;

    @BeforeEach
    void setUp() {
        brand = Tenants.in(context).organization("BRAND");
        fixtures = DirectCatalog.of(context, brand);
    }

    @Test
    void aVariantIsSoldUnderItsOwnSkuAndPriceAndFallsBackToItsProducts() {
        UUID chair = product("CHAIR", "120.00");
        UUID oak = variant(chair, "Oak", "CHAIR-OAK", "150.50");
        UUID plain = variant(chair, "Plain", null, null);

        var found = brand.call(() -> catalog.sellables(
                List.of(new SellableRef(chair, null), new SellableRef(chair, oak), new SellableRef(chair, plain))));

        assertThat(found.get(new SellableRef(chair, null)))
                .extracting(Catalog.Sellable::sku, Catalog.Sellable::listPrice)
                .containsExactly("CHAIR", new BigDecimal("120.0000"));
        assertThat(found.get(new SellableRef(chair, oak)))
                .extracting(Catalog.Sellable::sku, Catalog.Sellable::name, Catalog.Sellable::listPrice)
                .containsExactly("CHAIR-OAK", "Product CHAIR Oak", new BigDecimal("150.5000"));
        assertThat(found.get(new SellableRef(chair, plain)))
                .extracting(Catalog.Sellable::sku, Catalog.Sellable::listPrice)
                .containsExactly("CHAIR", new BigDecimal("120.0000"));
    }

    @Test
    void anotherOrganizationsProductAndAVariantNamedWithTheWrongProductAreNotSellable() {
        UUID chair = product("CHAIR", "120.00");
        UUID table = product("TABLE", "300.00");
        UUID oak = variant(chair, "Oak", null, null);
        var stranger = Tenants.in(context).organization("BRAND");

        assertThat(stranger.call(() -> catalog.sellables(List.of(new SellableRef(chair, null)))))
                .isEmpty();
        assertThat(brand.call(() -> catalog.sellables(List.of(new SellableRef(table, oak)))))
                .as("a variant of the chair named as the table's")
                .isEmpty();
    }

    @Test
    void aFactorysOwnCodesAreTheBrandsMappingForThatFactoryOnly() {
        UUID chair = product("CHAIR", "120.00");
        UUID oak = variant(chair, "Oak", null, null);
        UUID factory = UUID.randomUUID();
        UUID otherFactory = UUID.randomUUID();
        brand.run(() -> transactions.executeWithoutResult(s -> jdbc.sql("""
                        insert into catalog.supplier_variants (org_id, id, variant_id, factory_org_id,
                               supplier_product_code, supplier_variant_code, supplier_sku, availability,
                               created_at, updated_at)
                        values (:org, gen_random_uuid(), :variant, :factory, 'F-CH', 'F-CH-OAK', 'FSKU-1',
                               'AVAILABLE', now(), now())""")
                .param("org", brand.orgId())
                .param("variant", oak)
                .param("factory", factory)
                .update()));

        assertThat(brand.call(() -> catalog.supplierCodes(Set.of(oak), factory)))
                .containsEntry(oak, new Catalog.SupplierCodes("F-CH", "F-CH-OAK", "FSKU-1"));
        assertThat(brand.call(() -> catalog.supplierCodes(Set.of(oak), otherFactory)))
                .isEmpty();
    }

    private UUID product(String sku, String price) {
        var data = new CatalogService.ProductData(
                sku, "Product " + sku, null, null, new BigDecimal(price), null, null, null, Set.of());
        return brand.call(
                () -> context.getBean(CatalogService.class).createProduct(data).id());
    }

    private UUID variant(UUID productId, String name, String sku, String price) {
        var data = new VariantService.VariantData(
                name, sku, null, price == null ? null : new BigDecimal(price), null, null, Set.of());
        return brand.call(() ->
                context.getBean(VariantService.class).create(productId, data).id());
    }
}
