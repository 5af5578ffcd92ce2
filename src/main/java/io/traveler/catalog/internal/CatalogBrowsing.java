package io.traveler.catalog.internal;

import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.KeysetPager;
import io.traveler.shared.paging.PageRequest;
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
 * {@link CatalogService}), components by their number, and the substitute groups of the lines of an explosion.
 */
@Service
public class CatalogBrowsing {
    private final EntityManager em;
    private final JdbcClient jdbc;

    CatalogBrowsing(EntityManager em, JdbcClient jdbc) {
        this.em = em;
        this.jdbc = jdbc;
    }

    public record PartFilter(String q, Part.Kind kind, Part.Status status, UUID categoryId) {}

    public record ProductFilter(String q, Product.Type type, Product.Status status, UUID categoryId) {}

    /** A part or product as a BOM line names it. */
    public record Component(Bom.ComponentType type, UUID id, String number, String name, String unit) {}

    /** Without {@code q} a keyset page; with it the best matches first, as in {@link CatalogService#listParts}. */
    @Transactional(readOnly = true)
    public ItemList<Part> parts(PageRequest page, PartFilter f) {
        if (f.q() != null && !f.q().isBlank()) {
            List<UUID> ids = search("parts", "part_number", page, f.q(), f.kind(), f.status(), f.categoryId());
            return new ItemList<>(inOrder(ids, em, Part.class), null);
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
            List<UUID> ids = search("products", "sku", page, f.q(), f.type(), f.status(), f.categoryId());
            return new ItemList<>(inOrder(ids, em, Product.class), null);
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
                             where part_number ilike :prefix or name ilike :contains or name % :q
                            union all
                            select 'PRODUCT', id, sku, name, null
                              from catalog.products
                             where sku ilike :prefix or name ilike :contains or name % :q
                        ) c
                        order by (number ilike :prefix) desc, number
                        limit :limit
                        """)
                .param("q", q.trim())
                .param("prefix", likeEscaped(q.trim()) + "%")
                .param("contains", "%" + likeEscaped(q.trim()) + "%")
                .param("limit", limit)
                .query(CatalogBrowsing::component)
                .list();
    }

    /** The part with this part number, else the product with this SKU. */
    @Transactional(readOnly = true)
    public Optional<Component> component(String number) {
        return jdbc.sql("""
                        select 'PART' as type, id, part_number as number, name, unit_of_measure as unit
                          from catalog.parts where part_number = :number
                        union all
                        select 'PRODUCT', id, sku, name, null from catalog.products where sku = :number
                        limit 1
                        """)
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
                          from catalog.parts where id = any(:ids)
                        union all
                        select 'PRODUCT', id, sku, name, null from catalog.products where id = any(:ids)
                        """)
                .param("ids", ids.toArray(UUID[]::new))
                .query(CatalogBrowsing::component)
                .list()
                .forEach(c -> found.put(c.id(), c));
        return found;
    }

    private List<UUID> search(
            String table, String number, PageRequest page, String q, Enum<?> kind, Enum<?> status, UUID categoryId) {
        String kindColumn = table.equals("parts") ? "kind" : "type";
        return jdbc.sql("select id from catalog." + table + """
                         where (search @@ plainto_tsquery('simple', :q) or name %% :q
                                or %1$s ilike :prefix or name ilike :contains)
                           and (cast(:kind as text) is null or %2$s = cast(:kind as text))
                           and (cast(:status as text) is null or status = cast(:status as text))
                           and (cast(:category as uuid) is null or category_id = cast(:category as uuid))
                         order by ts_rank(search, plainto_tsquery('simple', :q)) desc,
                                  greatest(similarity(name, :q), similarity(%1$s, :q)) desc, id
                         limit :limit
                        """.formatted(number, kindColumn))
                .param("q", q.trim())
                .param("prefix", likeEscaped(q.trim()) + "%")
                .param("contains", "%" + likeEscaped(q.trim()) + "%")
                .param("kind", kind == null ? null : kind.name())
                .param("status", status == null ? null : status.name())
                .param("category", categoryId)
                .param("limit", page.limit())
                .query(UUID.class)
                .list();
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

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
