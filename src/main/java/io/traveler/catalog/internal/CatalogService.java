package io.traveler.catalog.internal;

import io.traveler.catalog.Catalog;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.KeysetPager;
import io.traveler.shared.paging.PageRequest;
import io.traveler.shared.web.ConflictException;
import io.traveler.shared.web.NotFoundException;
import io.traveler.shared.web.ValidationException;
import io.traveler.shared.web.Versions;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Categories, parts and product templates. */
@Service
public class CatalogService implements Catalog {
    public static final Map<String, String> CATEGORY_SORTS = Map.of("code", "code", "name", "name");
    public static final Map<String, String> PART_SORTS =
            Map.of("part_number", "partNumber", "name", "name", "created_at", "createdAt");
    public static final Map<String, String> PRODUCT_SORTS =
            Map.of("sku", "sku", "name", "name", "created_at", "createdAt");

    private final Categories categories;
    private final Parts parts;
    private final Products products;
    private final Boms boms;
    private final EntityManager em;
    private final JdbcClient jdbc;

    CatalogService(
            Categories categories, Parts parts, Products products, Boms boms, EntityManager em, JdbcClient jdbc) {
        this.categories = categories;
        this.parts = parts;
        this.products = products;
        this.boms = boms;
        this.em = em;
        this.jdbc = jdbc;
    }

    public record CategoryData(String code, String name, UUID parentId, Set<String> cleared) {}

    public record PartData(
            String partNumber,
            String name,
            String description,
            Part.Kind kind,
            String unitOfMeasure,
            BigDecimal unitCost,
            BigDecimal weight,
            String dimensions,
            String specifications,
            Integer leadTimeDays,
            BigDecimal minimumOrderQuantity,
            Boolean custom,
            Part.Status status,
            UUID categoryId,
            Set<String> cleared) {}

    public record ProductData(
            String sku,
            String name,
            String description,
            Product.Type type,
            BigDecimal basePrice,
            UUID defaultWorkflowId,
            Product.Status status,
            UUID categoryId,
            Set<String> cleared) {}

    // --- facade ----------------------------------------------------------------------------------------------

    @Override
    @Transactional(readOnly = true)
    public boolean productExists(UUID productId) {
        return products.existsById(productId);
    }

    @Override
    @Transactional(readOnly = true)
    public boolean partExists(UUID partId) {
        return parts.existsById(partId);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<UUID> activeBomOf(UUID productId) {
        return boms.findByProductIdAndStatus(productId, Bom.Status.ACTIVE).map(Bom::id);
    }

    // --- categories ------------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public ItemList<Category> listCategories(PageRequest page, UUID parentId) {
        return KeysetPager.page(
                em,
                Category.class,
                page,
                CATEGORY_SORTS,
                (root, cb) -> parentId == null ? null : cb.equal(root.get("parentId"), parentId));
    }

    @Transactional(readOnly = true)
    public Category category(UUID id) {
        return categories.findById(id).orElseThrow(() -> NotFoundException.of("Category", id));
    }

    @Transactional
    public Category createCategory(CategoryData data) {
        var category = new Category(data.code(), data.name());
        placeUnder(category, data.parentId());
        return categories.saveAndFlush(category);
    }

    @Transactional
    public Category changeCategory(UUID id, String ifMatch, CategoryData data) {
        Category category = category(id);
        Versions.requireMatch(ifMatch, category.version());
        if (data.code() != null) {
            category.recode(data.code());
        }
        if (data.name() != null) {
            category.rename(data.name());
        }
        if (data.cleared().contains("parent_id")) {
            category.placeUnder(null);
        }
        placeUnder(category, data.parentId());
        return categories.saveAndFlush(category);
    }

    /** A category may not sit under itself or under any of its own descendants. */
    private void placeUnder(Category category, UUID parentId) {
        if (parentId == null) {
            return;
        }
        if (!categories.existsById(parentId)) {
            throw new ValidationException("parent_id", "is not a category of this organization");
        }
        boolean loop = jdbc.sql("""
                        with recursive up(id, parent_id) as (
                            select id, parent_id from catalog.categories where id = :parent
                            union
                            select c.id, c.parent_id from catalog.categories c join up on c.id = up.parent_id
                        )
                        select exists (select 1 from up where id = :self)
                        """)
                .param("parent", parentId)
                .param("self", category.id())
                .query(Boolean.class)
                .single();
        if (loop) {
            throw new ValidationException("parent_id", "would make the category its own ancestor");
        }
        category.placeUnder(parentId);
    }

    // --- parts -----------------------------------------------------------------------------------------------

    /** Without {@code q} a keyset page; with it the best matches first (full text, then trigram similarity). */
    @Transactional(readOnly = true)
    public ItemList<Part> listParts(PageRequest page, String q, Part.Kind kind) {
        if (q != null && !q.isBlank()) {
            List<UUID> ids = jdbc.sql("""
                            select id from catalog.parts
                             where (search @@ plainto_tsquery('simple', :q) or :q <% name
                                    or part_number ilike :prefix or name ilike :contains)
                               and (cast(:kind as text) is null or kind = cast(:kind as text))
                             order by ts_rank(search, plainto_tsquery('simple', :q)) desc,
                                      greatest(similarity(name, :q), similarity(part_number, :q)) desc, id
                             limit :limit
                            """)
                    .param("q", q.trim())
                    .param("prefix", likeEscaped(q.trim()) + "%")
                    .param("contains", "%" + likeEscaped(q.trim()) + "%")
                    .param("kind", kind == null ? null : kind.name())
                    .param("limit", page.limit())
                    .query(UUID.class)
                    .list();
            return new ItemList<>(inOrder(ids, parts.findAllById(ids), Part::id), null);
        }
        return KeysetPager.page(
                em, Part.class, page, PART_SORTS, (root, cb) -> kind == null ? null : cb.equal(root.get("kind"), kind));
    }

    @Transactional(readOnly = true)
    public Part part(UUID id) {
        return parts.findById(id).orElseThrow(() -> NotFoundException.of("Part", id));
    }

    @Transactional
    public Part createPart(PartData data) {
        var part = new Part(data.partNumber(), data.name(), data.kind(), data.unitOfMeasure());
        apply(part, data);
        return parts.saveAndFlush(part);
    }

    @Transactional
    public Part changePart(UUID id, String ifMatch, PartData data) {
        Part part = part(id);
        Versions.requireMatch(ifMatch, part.version());
        if (data.partNumber() != null) {
            part.renumber(data.partNumber());
        }
        if (data.name() != null) {
            part.rename(data.name());
        }
        if (data.kind() != null) {
            part.classify(data.kind());
        }
        if (data.unitOfMeasure() != null) {
            part.measureIn(data.unitOfMeasure());
        }
        apply(part, data);
        return parts.saveAndFlush(part);
    }

    /** A part still named by a bill of materials cannot be deleted (the 409 names the BOM line). */
    @Transactional
    public void deletePart(UUID id, String ifMatch) {
        Part part = part(id);
        Versions.requireMatch(ifMatch, part.version());
        boolean used = jdbc.sql("select exists (select 1 from catalog.bom_lines"
                        + " where component_type = 'PART' and component_id = :id)")
                .param("id", id)
                .query(Boolean.class)
                .single();
        if (used) {
            throw new ConflictException("Part " + id + " is used by a bill of materials");
        }
        parts.delete(part);
        parts.flush();
    }

    private void apply(Part part, PartData data) {
        Set<String> cleared = data.cleared();
        if (data.description() != null || cleared.contains("description")) {
            part.describe(data.description());
        }
        if (data.unitCost() != null) {
            part.costs(data.unitCost());
        }
        if (data.weight() != null || cleared.contains("weight")) {
            part.weighs(data.weight());
        }
        if (data.dimensions() != null || cleared.contains("dimensions")) {
            part.measures(data.dimensions());
        }
        if (data.specifications() != null || cleared.contains("specifications")) {
            part.specify(data.specifications());
        }
        part.procuredIn(data.leadTimeDays(), data.minimumOrderQuantity());
        if (data.custom() != null) {
            part.madeToOrder(data.custom());
        }
        if (data.status() != null) {
            part.changeStatus(data.status());
        }
        if (cleared.contains("category_id")) {
            part.fileUnder(null);
        }
        if (data.categoryId() != null) {
            requireCategory(data.categoryId());
            part.fileUnder(data.categoryId());
        }
    }

    // --- products --------------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public ItemList<Product> listProducts(PageRequest page, String q) {
        if (q != null && !q.isBlank()) {
            List<UUID> ids = jdbc.sql("""
                            select id from catalog.products
                             where search @@ plainto_tsquery('simple', :q) or :q <% name
                                   or sku ilike :prefix or name ilike :contains
                             order by ts_rank(search, plainto_tsquery('simple', :q)) desc,
                                      greatest(similarity(name, :q), similarity(sku, :q)) desc, id
                             limit :limit
                            """)
                    .param("q", q.trim())
                    .param("prefix", likeEscaped(q.trim()) + "%")
                    .param("contains", "%" + likeEscaped(q.trim()) + "%")
                    .param("limit", page.limit())
                    .query(UUID.class)
                    .list();
            return new ItemList<>(inOrder(ids, products.findAllById(ids), Product::id), null);
        }
        return KeysetPager.page(em, Product.class, page, PRODUCT_SORTS, null);
    }

    @Transactional(readOnly = true)
    public Product product(UUID id) {
        return products.findById(id).orElseThrow(() -> NotFoundException.of("Product", id));
    }

    @Transactional
    public Product createProduct(ProductData data) {
        var product = new Product(data.sku(), data.name());
        apply(product, data);
        return products.saveAndFlush(product);
    }

    @Transactional
    public Product changeProduct(UUID id, String ifMatch, ProductData data) {
        Product product = product(id);
        Versions.requireMatch(ifMatch, product.version());
        if (data.sku() != null) {
            product.resku(data.sku());
        }
        if (data.name() != null) {
            product.rename(data.name());
        }
        apply(product, data);
        return products.saveAndFlush(product);
    }

    private void apply(Product product, ProductData data) {
        Set<String> cleared = data.cleared();
        if (data.description() != null || cleared.contains("description")) {
            product.describe(data.description());
        }
        if (data.type() != null) {
            product.classify(data.type());
        }
        if (data.basePrice() != null || cleared.contains("base_price")) {
            product.priceAt(data.basePrice());
        }
        if (data.defaultWorkflowId() != null || cleared.contains("default_workflow_id")) {
            product.madeBy(data.defaultWorkflowId());
        }
        if (data.status() != null) {
            product.changeStatus(data.status());
        }
        if (cleared.contains("category_id")) {
            product.fileUnder(null);
        }
        if (data.categoryId() != null) {
            requireCategory(data.categoryId());
            product.fileUnder(data.categoryId());
        }
    }

    private void requireCategory(UUID categoryId) {
        if (!categories.existsById(categoryId)) {
            throw new ValidationException("category_id", "is not a category of this organization");
        }
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static <T> List<T> inOrder(List<UUID> ids, List<T> found, Function<T, UUID> id) {
        Map<UUID, T> byId = found.stream().collect(Collectors.toMap(id, Function.identity()));
        return ids.stream().map(byId::get).toList();
    }
}
