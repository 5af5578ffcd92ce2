package io.traveler.catalog.internal;

import io.traveler.shared.SearchWords;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.KeysetPager;
import io.traveler.shared.paging.PageRequest;
import io.traveler.shared.tenancy.TenantContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the catalog's web pages read besides the services: filtered lists (the same typo-tolerant search as
 * {@link CatalogService}, narrowed by status and category) and components by their number.
 */
@Service
public class CatalogBrowsing {
    private final EntityManager em;
    private final JdbcClient jdbc;
    private final CatalogSearch search;

    CatalogBrowsing(EntityManager em, JdbcClient jdbc, CatalogSearch search) {
        this.em = em;
        this.jdbc = jdbc;
        this.search = search;
    }

    public record PartFilter(String q, Part.Kind kind, Part.Status status, UUID categoryId) {}

    public record ProductFilter(String q, Product.Type type, Product.Status status, UUID categoryId) {}

    /** A part or product as a BOM line names it. */
    public record Component(Bom.ComponentType type, UUID id, String number, String name, String unit) {}

    /** Without {@code q} a keyset page; with it the best matches first, as in {@link CatalogService#listParts}. */
    @Transactional(readOnly = true)
    public ItemList<Part> parts(PageRequest page, PartFilter f) {
        if (f.q() != null && !f.q().isBlank()) {
            String searched = "browse-parts:" + f;
            int offset = SearchCursor.offsetOf(page.cursor(), searched);
            List<UUID> ids = search.rankedIds(
                    CatalogSearch.Target.PARTS,
                    f.q(),
                    new CatalogSearch.Filters(f.kind(), f.status(), f.categoryId()),
                    page.limit() + 1,
                    offset);
            return ranked(ids, page, searched, offset, Part.class);
        }
        return KeysetPager.page(
                em,
                Part.class,
                page,
                CatalogService.PART_SORTS,
                (root, cb) -> where(root, cb, "kind", f.kind(), f.status(), f.categoryId()));
    }

    @Transactional(readOnly = true)
    public ItemList<Product> products(PageRequest page, ProductFilter f) {
        if (f.q() != null && !f.q().isBlank()) {
            String searched = "browse-products:" + f;
            int offset = SearchCursor.offsetOf(page.cursor(), searched);
            List<UUID> ids = search.rankedIds(
                    CatalogSearch.Target.PRODUCTS,
                    f.q(),
                    new CatalogSearch.Filters(f.type(), f.status(), f.categoryId()),
                    page.limit() + 1,
                    offset);
            return ranked(ids, page, searched, offset, Product.class);
        }
        return KeysetPager.page(
                em,
                Product.class,
                page,
                CatalogService.PRODUCT_SORTS,
                (root, cb) -> where(root, cb, "type", f.type(), f.status(), f.categoryId()));
    }

    @Transactional(readOnly = true)
    public List<Category> allCategories() {
        return em.createQuery("select c from Category c order by c.code", Category.class)
                .getResultList();
    }

    /** Parts by part number and products by SKU starting with or resembling {@code q}, for pickers. */
    @Transactional(readOnly = true)
    public List<Component> components(String q, int limit) {
        if (q == null || q.isBlank()) {
            return List.of();
        }
        return jdbc.sql("""
                        select * from (
                            select 'PART' as type, id, part_number as number, name, unit_of_measure as unit
                              from catalog.parts
                             where org_id = :org and (part_number ilike :prefix or name ilike :contains or name % :q)
                            union all
                            select 'PRODUCT', id, sku, name, null
                              from catalog.products
                             where org_id = :org and (sku ilike :prefix or name ilike :contains or name % :q)
                        ) c
                        order by (number ilike :prefix) desc, number
                        limit :limit
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("q", q.trim())
                .param("prefix", SearchWords.startingWith(q.trim()))
                .param("contains", SearchWords.containing(q.trim()))
                .param("limit", limit)
                .query(CatalogBrowsing::component)
                .list();
    }

    /** The part with this part number, else the product with this SKU. */
    @Transactional(readOnly = true)
    public Optional<Component> component(String number) {
        return jdbc.sql("""
                        select 'PART' as type, id, part_number as number, name, unit_of_measure as unit
                          from catalog.parts where org_id = :org and part_number = :number
                        union all
                        select 'PRODUCT', id, sku, name, null from catalog.products where org_id = :org and sku = :number
                        limit 1
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("number", number.trim())
                .query(CatalogBrowsing::component)
                .optional();
    }

    @Transactional(readOnly = true)
    public Map<UUID, Component> components(Collection<UUID> ids) {
        Map<UUID, Component> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        jdbc.sql("""
                        select 'PART' as type, id, part_number as number, name, unit_of_measure as unit
                          from catalog.parts where org_id = :org and id = any(:ids)
                        union all
                        select 'PRODUCT', id, sku, name, null from catalog.products where org_id = :org and id = any(:ids)
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("ids", ids.toArray(UUID[]::new))
                .query(CatalogBrowsing::component)
                .list()
                .forEach(c -> found.put(c.id(), c));
        return found;
    }

    /** One page of a ranking fetched with one row more than the limit, which tells whether another page follows. */
    private <T> ItemList<T> ranked(List<UUID> ids, PageRequest page, String searched, int offset, Class<T> type) {
        if (ids.size() <= page.limit()) {
            return new ItemList<>(inOrder(ids, em, type), null);
        }
        return new ItemList<>(
                inOrder(ids.subList(0, page.limit()), em, type),
                new SearchCursor(searched, offset + page.limit()).encode());
    }

    private static <T> Predicate where(
            Root<T> root, CriteriaBuilder cb, String kindAttribute, Enum<?> kind, Enum<?> status, UUID categoryId) {
        List<Predicate> all = new ArrayList<>();
        if (kind != null) {
            all.add(cb.equal(root.get(kindAttribute), kind));
        }
        if (status != null) {
            all.add(cb.equal(root.get("status"), status));
        }
        if (categoryId != null) {
            all.add(cb.equal(root.get("categoryId"), categoryId));
        }
        return all.isEmpty() ? null : cb.and(all.toArray(Predicate[]::new));
    }

    private static <T> List<T> inOrder(List<UUID> ids, EntityManager em, Class<T> type) {
        return ids.stream()
                .map(id -> em.find(type, id))
                .filter(Objects::nonNull)
                .toList();
    }

    private static Component component(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Component(
                Bom.ComponentType.valueOf(rs.getString("type")),
                rs.getObject("id", UUID.class),
                rs.getString("number"),
                rs.getString("name"),
                rs.getString("unit"));
    }
}
