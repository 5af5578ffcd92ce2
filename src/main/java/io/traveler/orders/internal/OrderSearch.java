package io.traveler.orders.internal;

import io.traveler.shared.SearchWords;
import io.traveler.shared.modules.ModuleContribution.SearchHit;
import io.traveler.shared.tenancy.TenantContext;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the global search and the home page's tiles find among the orders the organization sees: its own, and the
 * purchase orders it placed as a brand.
 */
@Component
class OrderSearch {
    private final JdbcClient jdbc;

    OrderSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Orders whose code or party name holds every word of the query; codes beginning with it first. */
    @Transactional(readOnly = true, propagation = Propagation.MANDATORY)
    List<SearchHit> hits(String q, int limit) {
        List<String> words = SearchWords.of(q);
        if (words.isEmpty()) {
            return List.of();
        }
        StringBuilder where = new StringBuilder("(org_id = :org or brand_org_id = :org)");
        for (int i = 0; i < words.size(); i++) {
            where.append(" and (code ilike :w%1$d or party_name ilike :w%1$d)".formatted(i));
        }
        var query = jdbc.sql("""
                select id, code, party_name, phase, ordered_on from orders.orders
                 where %s
                 order by code ilike :prefix desc, ordered_on desc, id desc
                 limit :limit
                """.formatted(where));
        for (int i = 0; i < words.size(); i++) {
            query = query.param("w" + i, SearchWords.containing(words.get(i)));
        }
        return query.param("org", TenantContext.requireOrgId())
                .param("prefix", SearchWords.startingWith(q.strip()))
                .param("limit", limit)
                .query((rs, n) -> new SearchHit(
                        rs.getObject("id", UUID.class),
                        rs.getString("code") + " · " + rs.getString("party_name"),
                        rs.getString("phase").toLowerCase(Locale.ROOT).replace('_', ' ') + ", ordered "
                                + rs.getDate("ordered_on").toLocalDate()))
                .list();
    }

    /** The organization's own orders neither delivered nor cancelled. */
    long openOrders() {
        return jdbc.sql("""
                        select count(*) from orders.orders
                         where org_id = :org and phase not in ('DELIVERED', 'CANCELLED')""")
                .param("org", TenantContext.requireOrgId())
                .query(Long.class)
                .single();
    }

    /** Purchase orders still DRAFT: addressed to the organization as a factory, or placed by it as a brand. */
    long purchaseOrdersAwaitingAcceptance() {
        return jdbc.sql("""
                        select count(*) from orders.orders
                         where brand_org_id is not null and phase = 'DRAFT'
                           and (org_id = :org or brand_org_id = :org)""")
                .param("org", TenantContext.requireOrgId())
                .query(Long.class)
                .single();
    }
}
