package io.traveler.customers.internal;

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
 * What the global search finds among customers: those whose code, name or e-mail address holds every word of the
 * query, codes beginning with the query first. The list's {@code ?q=} matches the same way.
 */
@Component
class CustomerSearch {
    private final JdbcClient jdbc;

    CustomerSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true, propagation = Propagation.MANDATORY)
    List<SearchHit> hits(String q, int limit) {
        List<String> words = SearchWords.of(q);
        if (words.isEmpty()) {
            return List.of();
        }
        StringBuilder where = new StringBuilder("org_id = :org");
        for (int i = 0; i < words.size(); i++) {
            where.append(" and (code ilike :w%1$d or name ilike :w%1$d or email ilike :w%1$d)".formatted(i));
        }
        var query = jdbc.sql("""
                select id, code, name, email, status from customers.customers
                 where %s
                 order by code ilike :prefix desc, name, id
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
                        rs.getString("code") + " · " + rs.getString("name"),
                        detail(rs.getString("email"), rs.getString("status"))))
                .list();
    }

    private static String detail(String email, String status) {
        String state = status.toLowerCase(Locale.ROOT);
        return email == null ? state : email + ", " + state;
    }
}
