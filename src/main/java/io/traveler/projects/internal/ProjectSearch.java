package io.traveler.projects.internal;

import io.traveler.shared.SearchWords;
import io.traveler.shared.modules.ModuleContribution.SearchHit;
import io.traveler.shared.tenancy.TenantContext;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The header search's projects: every word in the code or the name, codes that start with the text first. */
@Component
class ProjectSearch {
    private final JdbcClient jdbc;

    ProjectSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    List<SearchHit> hits(String q, int limit) {
        List<String> words = SearchWords.of(q);
        if (words.isEmpty()) {
            return List.of();
        }
        StringBuilder where = new StringBuilder("org_id = :org");
        for (int i = 0; i < words.size(); i++) {
            where.append(" and (code ilike :w%1$d or name ilike :w%1$d)".formatted(i));
        }
        var query = jdbc.sql("""
                select id, code, name, status, due_date from projects.projects
                 where %s
                 order by code ilike :prefix desc, created_at desc, id desc
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
                        rs.getString("status").toLowerCase(Locale.ROOT).replace('_', ' ')
                                + (rs.getDate("due_date") == null ? "" : ", due " + rs.getDate("due_date"))))
                .list();
    }
}
