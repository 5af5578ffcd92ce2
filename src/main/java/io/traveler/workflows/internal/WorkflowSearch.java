package io.traveler.workflows.internal;

import io.traveler.shared.SearchWords;
import io.traveler.shared.modules.ModuleContribution.SearchHit;
import io.traveler.shared.tenancy.TenantContext;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The header search's workflows: every word in the name; superseded versions are left out (their successor shows). */
@Component
class WorkflowSearch {
    private final JdbcClient jdbc;

    WorkflowSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    List<SearchHit> hits(String q, int limit) {
        List<String> words = SearchWords.of(q);
        if (words.isEmpty()) {
            return List.of();
        }
        StringBuilder where = new StringBuilder("org_id = :org and status <> 'SUPERSEDED'");
        for (int i = 0; i < words.size(); i++) {
            where.append(" and name ilike :w").append(i);
        }
        var query = jdbc.sql("""
                select id, name, version_no, status from workflows.workflows
                 where %s
                 order by name ilike :prefix desc, name, id
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
                        rs.getString("name"),
                        "version " + rs.getInt("version_no") + ", "
                                + rs.getString("status").toLowerCase(Locale.ROOT)))
                .list();
    }
}
