package io.traveler.configurator.internal;

import io.traveler.shared.tenancy.TenantContext;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What the configurator's pages list: the organization's configurable products and their counts, in one query. */
@Service
public class ConfiguratorOverview {
    /** Products listed at most. */
    public static final int LIMIT = 500;

    public record ConfigurableProduct(UUID id, String sku, String name, int options, int rules, int configurations) {}

    private final JdbcClient jdbc;

    ConfiguratorOverview(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The products with at least one option, by SKU. */
    @Transactional(readOnly = true)
    public List<ConfigurableProduct> configurableProducts() {
        return jdbc.sql("""
                        select p.id, p.sku, p.name,
                               (select count(*) from configurator.options o
                                 where o.org_id = p.org_id and o.product_id = p.id) as options,
                               (select count(*) from configurator.rules r
                                 where r.org_id = p.org_id and r.product_id = p.id) as rules,
                               (select count(*) from configurator.configurations c
                                 where c.org_id = p.org_id and c.product_id = p.id) as configurations
                          from catalog.products p
                         where p.org_id = :org
                           and exists (select 1 from configurator.options o
                                        where o.org_id = p.org_id and o.product_id = p.id)
                         order by p.sku
                         limit :limit
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("limit", LIMIT)
                .query(ConfigurableProduct.class)
                .list();
    }
}
