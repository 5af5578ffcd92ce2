package io.traveler.catalog.internal;

import static io.traveler.shared.security.StandardRole.*;

import io.traveler.shared.modules.ModuleContribution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the catalog adds to the application: its permissions and their holders, its pages, its counts and what the
 * global search finds in it.
 */
@Configuration(proxyBeanMethods = false)
class CatalogModule {
    @Bean
    ModuleContribution catalogContribution(JdbcClient jdbc, CatalogSearch search) {
        return ModuleContribution.of("catalog")
                .permission("catalog:read", "See categories, parts, products, variants and BOMs")
                .permission("catalog:manage", "Change the catalog, draft BOMs and import CSV files")
                .permission("boms:approve", "Approve and activate bills of materials")
                .grant(PRODUCTION_MANAGER, "catalog:read", "catalog:manage", "boms:approve")
                .grant(DESIGNER, "catalog:read", "catalog:manage")
                .grant(SALES_MANAGER, "catalog:read")
                .grant(QC_INSPECTOR, "catalog:read")
                .grant(TECHNICIAN, "catalog:read")
                .grant(CUSTOMER_SERVICE, "catalog:read")
                .grant(BRAND_USER, "catalog:read")
                .navigation(80, "Catalog", "/app/catalog", "catalog:read")
                .navigation(90, "Imports", "/app/imports", "catalog:manage")
                .tile(60, "Parts", "/app/catalog/parts", "catalog:read", jdbc, """
                        select count(*) from catalog.parts where org_id = :org""")
                .tile(70, "Products", "/app/catalog/products", "catalog:read", jdbc, """
                        select count(*) from catalog.products where org_id = :org""")
                .tile(80, "Active BOMs", "/app/catalog/products", "catalog:read", jdbc, """
                        select count(*) from catalog.boms where org_id = :org and status = 'ACTIVE'""")
                .search(
                        "parts",
                        "Parts",
                        "catalog:read",
                        "/app/catalog/parts/{id}",
                        "/api/catalog/parts/{id}",
                        (q, limit) -> search.hits(CatalogSearch.Target.PARTS, q, limit))
                .search(
                        "products",
                        "Products",
                        "catalog:read",
                        "/app/catalog/products/{id}",
                        "/api/products/templates/{id}",
                        (q, limit) -> search.hits(CatalogSearch.Target.PRODUCTS, q, limit))
                .build();
    }
}
