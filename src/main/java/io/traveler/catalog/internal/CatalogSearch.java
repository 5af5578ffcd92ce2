package io.traveler.catalog.internal;

import io.traveler.shared.SearchWords;
import io.traveler.shared.modules.ModuleContribution.SearchHit;
import io.traveler.shared.tenancy.TenantContext;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ranked, typo-tolerant {@code ?q=} search of parts and products. Each word of the query stands for itself as a
 * prefix and for the words of the organization's dictionary ({@code catalog.search_words}) that resemble it by
 * trigram similarity or by an edit distance of one or two; the full-text index then finds the rows holding every
 * word (or, when no row holds them all, any of them). Rows holding the words as typed rank first. A part number or
 * SKU also matches by its beginning.
 */
@Component
class CatalogSearch {
    /** What is searched: the table, its number column and its kind column. */
    enum Target {
        PARTS("catalog.parts", "part_number", "kind"),
        PRODUCTS("catalog.products", "sku", "type");

        private final String table;
        private final String number;
        private final String kind;

        Target(String table, String number, String kind) {
            this.table = table;
            this.number = number;
            this.kind = kind;
        }
    }

    /** Optional narrowing of a search; a null field does not narrow. */
    record Filters(Enum<?> kind, Enum<?> status, UUID categoryId) {
        static final Filters NONE = new Filters(null, null, null);
    }

    /** The query's words as typed, and with their look-alikes: all of them, and any of them. */
    private record Expansion(String exact, String allOf, String anyOf, int words) {}

    private final JdbcClient jdbc;

    CatalogSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The ids of one page of the ranking, best first. */
    @Transactional(readOnly = true, propagation = Propagation.MANDATORY)
    List<UUID> rankedIds(Target target, String q, Filters filters, int limit, int offset) {
        String text = q.trim();
        Expansion expansion = expand(text);
        String query =
                expansion.words() > 1 && !anyRowHas(target, expansion.allOf()) ? expansion.anyOf() : expansion.allOf();
        return jdbc.sql("""
                        select id from %1$s
                         where org_id = :org and (search @@ cast(:query as tsquery) or %2$s ilike :prefix)
                           and (cast(:kind as text) is null or %3$s = cast(:kind as text))
                           and (cast(:status as text) is null or status = cast(:status as text))
                           and (cast(:category as uuid) is null or category_id = cast(:category as uuid))
                         order by coalesce(search @@ cast(:exact as tsquery), false) desc,
                                  ts_rank(search, cast(:query as tsquery)) desc, %2$s, id
                         limit :limit offset :offset
                        """.formatted(target.table, target.number, target.kind))
                .param("org", TenantContext.requireOrgId())
                .param("query", query)
                .param("exact", expansion.exact())
                .param("prefix", SearchWords.startingWith(text))
                .param("kind", filters.kind() == null ? null : filters.kind().name())
                .param(
                        "status",
                        filters.status() == null ? null : filters.status().name())
                .param("category", filters.categoryId())
                .param("limit", limit)
                .param("offset", offset)
                .query(UUID.class)
                .list();
    }

    /** The best {@code limit} rows for the global search: number and name, and their kind and status. */
    @Transactional(readOnly = true, propagation = Propagation.MANDATORY)
    List<SearchHit> hits(Target target, String q, int limit) {
        List<UUID> ids = rankedIds(target, q, Filters.NONE, limit, 0);
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, SearchHit> found = new HashMap<>();
        jdbc.sql("select id, %s as number, name, %s as kind, status from %s where org_id = :org and id in (:ids)"
                        .formatted(target.number, target.kind, target.table))
                .param("org", TenantContext.requireOrgId())
                .param("ids", ids)
                .query((rs, n) -> new SearchHit(
                        rs.getObject("id", UUID.class),
                        rs.getString("number") + " · " + rs.getString("name"),
                        (rs.getString("kind") + ", " + rs.getString("status")).toLowerCase(Locale.ROOT)))
                .list()
                .forEach(hit -> found.put(hit.id(), hit));
        return ids.stream().map(found::get).filter(Objects::nonNull).toList();
    }

    /**
     * One statement: the query's lexemes (as the search column's {@code simple} configuration splits them; single
     * characters, such as the last part of a hyphenated number, only when there is nothing else), each with up to five
     * dictionary words by trigram similarity and three by edit distance, as tsquery texts.
     */
    private Expansion expand(String text) {
        return jdbc.sql("""
                        with lexemes as (
                            select t from unnest(tsvector_to_array(to_tsvector('simple', :q))) t
                        ), tokens as (
                            select t from lexemes
                             where length(t) > 1 or not exists (select from lexemes l where length(l.t) > 1)
                        ), alternatives as (
                            select t, catalog.tsquery_any(a.query) as any_of,
                                   catalog.lexeme_query(t, length(t) >= 2) as exact
                              from tokens
                             cross join lateral (
                                    select catalog.lexeme_query(t, length(t) >= 2) as query
                                    union
                                    (select catalog.lexeme_query(w.word, true)
                                       from catalog.search_words w
                                      where w.org_id = :org and t ~ '^[[:alpha:]]+$' and length(t) >= 3
                                        and w.word % t
                                      order by similarity(w.word, t) desc, w.word
                                      limit 5)
                                    union
                                    (select catalog.lexeme_query(w.word, true)
                                       from catalog.search_words w
                                      where w.org_id = :org and t ~ '^[[:alpha:]]+$' and length(t) >= 4
                                        and left(w.word, 1) = left(t, 1)
                                        and levenshtein(w.word, t) <= case when length(t) >= 6 then 2 else 1 end
                                      order by levenshtein(w.word, t), w.word
                                      limit 3)
                                  ) a
                             group by t
                        )
                        select catalog.tsquery_all(exact)::text as exact,
                               catalog.tsquery_all(any_of)::text as all_of,
                               catalog.tsquery_any(any_of)::text as any_of,
                               count(*)::int as words
                          from alternatives
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("q", text)
                .query((rs, n) -> new Expansion(
                        rs.getString("exact"), rs.getString("all_of"), rs.getString("any_of"), rs.getInt("words")))
                .single();
    }

    private boolean anyRowHas(Target target, String query) {
        return jdbc.sql("select exists (select 1 from %s where org_id = :org and search @@ cast(:query as tsquery))"
                        .formatted(target.table))
                .param("org", TenantContext.requireOrgId())
                .param("query", query)
                .query(Boolean.class)
                .single();
    }
}
