package io.traveler.catalog.internal;

import io.traveler.catalog.Catalog;
import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.jpa.VersionedChanges;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.KeysetPager;
import io.traveler.shared.paging.PageRequest;
import io.traveler.shared.tenancy.TenantContext;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
    private final BomLines bomLines;
    private final Variants variants;
    private final EntityManager em;
    private final JdbcClient jdbc;
    private final CatalogSearch search;
    private final BomMaterials materials;
    private final BomService bomService;

    CatalogService(
            Categories categories,
            Parts parts,
            Products products,
            Boms boms,
            BomLines bomLines,
            Variants variants,
            EntityManager em,
            JdbcClient jdbc,
            CatalogSearch search,
            BomMaterials materials,
            BomService bomService) {
        this.materials = materials;
        this.bomService = bomService;
        this.categories = categories;
        this.parts = parts;
        this.products = products;
        this.boms = boms;
        this.bomLines = bomLines;
        this.variants = variants;
        this.em = em;
        this.jdbc = jdbc;
        this.search = search;
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
    public boolean categoryExists(UUID categoryId) {
        return categories.existsById(categoryId);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ProductRef> productRef(UUID productId) {
        return jdbc.sql("""
                        select id, sku, name, status, base_price, category_id from catalog.products
                         where org_id = :org and id = :id
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("id", productId)
                .query((rs, i) -> new ProductRef(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getBigDecimal(5),
                        rs.getObject(6, UUID.class)))
                .optional();
    }

    private static final String PART_REFS = """
            select p.id, p.part_number, p.name, p.kind, p.unit_of_measure, p.unit_cost, p.status, p.category_id, c.name
              from catalog.parts p left join catalog.categories c on c.org_id = p.org_id and c.id = p.category_id
             where p.org_id = :org
            """;

    @Override
    @Transactional(readOnly = true)
    public Map<UUID, PartRef> parts(Collection<UUID> partIds) {
        Map<UUID, PartRef> found = new HashMap<>();
        if (partIds.isEmpty()) {
            return found;
        }
        jdbc.sql(PART_REFS + " and p.id in (:ids)")
                .param("org", TenantContext.requireOrgId())
                .param("ids", List.copyOf(Set.copyOf(partIds)))
                .query(CatalogService::partRef)
                .list()
                .forEach(part -> found.put(part.id(), part));
        return found;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<PartRef> partByNumber(String partNumber) {
        if (partNumber == null || partNumber.isBlank() || partNumber.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql(PART_REFS + " and p.part_number = :number")
                .param("org", TenantContext.requireOrgId())
                .param("number", partNumber.trim())
                .query(CatalogService::partRef)
                .optional();
    }

    @Override
    @Transactional
    public PartRef createMaterial(NewMaterial material) {
        Part part = createPart(new PartData(
                material.partNumber(),
                material.name(),
                material.description(),
                Part.Kind.MATERIAL,
                material.unitOfMeasure(),
                material.unitCost(),
                material.weight(),
                material.dimensions(),
                material.specifications(),
                material.leadTimeDays(),
                material.minimumOrderQuantity(),
                null,
                null,
                material.categoryId(),
                Set.of()));
        return parts(List.of(part.id())).get(part.id());
    }

    @Override
    @Transactional
    public PartRef createCustomPart(NewCustomPart custom) {
        Part part = createPart(
                custom.id(),
                new PartData(
                        custom.partNumber(),
                        custom.name(),
                        null,
                        Part.Kind.COMPONENT,
                        custom.unitOfMeasure(),
                        custom.unitCost(),
                        null,
                        null,
                        custom.specifications(),
                        null,
                        null,
                        true,
                        null,
                        null,
                        Set.of()));
        return parts(List.of(part.id())).get(part.id());
    }

    @Override
    @Transactional(readOnly = true)
    public List<BomLineData> bomLines(UUID bomId) {
        boms.findById(bomId).orElseThrow(() -> NotFoundException.of("BOM", bomId));
        return bomLines.findByBomIdOrderBySequence(bomId).stream()
                .map(BomLine::line)
                .map(l -> new BomLineData(
                        ComponentType.valueOf(l.componentType().name()),
                        l.componentId(),
                        l.quantity(),
                        l.unit(),
                        l.wasteFactor(),
                        Boolean.TRUE.equals(l.optional()),
                        l.substituteGroup(),
                        l.preference() == null ? 0 : l.preference(),
                        l.notes(),
                        l.stageName()))
                .toList();
    }

    @Override
    @Transactional(readOnly = true)
    public Map<UUID, BomRef> boms(Collection<UUID> bomIds) {
        return boms.findAllById(Set.copyOf(bomIds)).stream().collect(Collectors.toMap(Bom::id, CatalogService::bomRef));
    }

    @Override
    @Transactional
    public BomRef createCustomBom(UUID productId, UUID configurationId, List<BomLineData> lines, String notes) {
        List<BomLines.Line> newLines = lines.stream()
                .map(l -> new BomLines.Line(
                        Bom.ComponentType.valueOf(l.componentType().name()),
                        l.componentId(),
                        l.quantity(),
                        l.unit(),
                        l.wasteFactor(),
                        l.optional(),
                        l.substituteGroup(),
                        l.preference(),
                        l.notes(),
                        l.stageName()))
                .toList();
        return bomRef(bomService
                .createCustom(productId, configurationId, newLines, notes)
                .bom());
    }

    @Override
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public void lockForNewBom(UUID productId) {
        products.findLocked(productId).orElseThrow(() -> NotFoundException.of("Product", productId));
    }

    private static BomRef bomRef(Bom bom) {
        return new BomRef(
                bom.id(),
                bom.productId(),
                bom.number(),
                bom.status().name(),
                bom.kind().name(),
                bom.configurationId());
    }

    @Override
    @Transactional(readOnly = true)
    public Map<UUID, ComponentRef> components(Collection<UUID> ids) {
        Map<UUID, ComponentRef> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        jdbc.sql("""
                        select 'PART', id, part_number, name, unit_of_measure, custom from catalog.parts
                         where org_id = :org and id in (:ids)
                        union all
                        select 'PRODUCT', id, sku, name, null, false from catalog.products
                         where org_id = :org and id in (:ids)
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("ids", List.copyOf(Set.copyOf(ids)))
                .query((rs, n) -> new ComponentRef(
                        ComponentType.valueOf(rs.getString(1)),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getBoolean(6)))
                .list()
                .forEach(c -> found.put(c.id(), c));
        return found;
    }

    private static PartRef partRef(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new PartRef(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getBigDecimal(6),
                rs.getString(7),
                rs.getObject(8, UUID.class),
                rs.getString(9));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<UUID> activeBomOf(UUID productId) {
        return boms.findByProductIdAndStatus(productId, Bom.Status.ACTIVE).map(Bom::id);
    }

    @Override
    @Transactional(readOnly = true)
    public List<Material> materialsOf(UUID bomId, BigDecimal quantity) {
        return materials.of(bomId, quantity);
    }

    @Override
    @Transactional(readOnly = true)
    public Map<SellableRef, Sellable> sellables(Collection<SellableRef> refs) {
        if (refs.isEmpty()) {
            return Map.of();
        }
        var productIds = refs.stream().map(SellableRef::productId).distinct().toArray(UUID[]::new);
        var variantIds = refs.stream()
                .map(SellableRef::variantId)
                .filter(Objects::nonNull)
                .distinct()
                .toArray(UUID[]::new);
        Map<SellableRef, Sellable> found = new HashMap<>();
        jdbc.sql("""
                        select p.id as product_id, null::uuid as variant_id, p.sku, p.name, p.base_price as price
                          from catalog.products p
                         where p.org_id = :org and p.id = any(:products)
                        union all
                        select v.product_id, v.id, coalesce(v.sku, p.sku), p.name || ' ' || v.name,
                               coalesce(v.price, p.base_price)
                          from catalog.variants v
                          join catalog.products p on p.org_id = v.org_id and p.id = v.product_id
                         where v.org_id = :org and v.id = any(:variants)
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("products", productIds)
                .param("variants", variantIds)
                .query((rs, n) -> new Sellable(
                        rs.getObject("product_id", UUID.class),
                        rs.getObject("variant_id", UUID.class),
                        rs.getString("sku"),
                        rs.getString("name"),
                        rs.getBigDecimal("price")))
                .list()
                .forEach(s -> found.put(new SellableRef(s.productId(), s.variantId()), s));
        found.keySet().retainAll(Set.copyOf(refs));
        return found;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Sellable> offeredSellables(int limit) {
        return jdbc.sql("""
                        select p.id as product_id, null::uuid as variant_id, p.sku, p.name, p.base_price as price
                          from catalog.products p
                         where p.org_id = :org and p.status <> 'DISCONTINUED'
                        union all
                        select v.product_id, v.id, coalesce(v.sku, p.sku), p.name || ' ' || v.name,
                               coalesce(v.price, p.base_price)
                          from catalog.variants v
                          join catalog.products p on p.org_id = v.org_id and p.id = v.product_id
                         where v.org_id = :org and p.status <> 'DISCONTINUED' and v.status = 'ACTIVE'
                         order by sku, name
                         limit :limit
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("limit", limit)
                .query((rs, n) -> new Sellable(
                        rs.getObject("product_id", UUID.class),
                        rs.getObject("variant_id", UUID.class),
                        rs.getString("sku"),
                        rs.getString("name"),
                        rs.getBigDecimal("price")))
                .list();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<SellableRef> sellableBySku(String sku) {
        return jdbc.sql("""
                        select id as product_id, null::uuid as variant_id, 0 as rank
                          from catalog.products where org_id = :org and sku = :sku
                        union all
                        select product_id, id, 1 from catalog.variants where org_id = :org and sku = :sku
                        order by rank limit 1
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("sku", sku)
                .query((rs, n) ->
                        new SellableRef(rs.getObject("product_id", UUID.class), rs.getObject("variant_id", UUID.class)))
                .optional();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<UUID> defaultWorkflowOf(UUID productId) {
        return products.findById(productId).map(Product::defaultWorkflowId);
    }

    @Override
    @Transactional
    public void assignDefaultWorkflow(UUID productId, UUID workflowId) {
        Product product = product(productId);
        if (!Objects.equals(product.defaultWorkflowId(), workflowId)) {
            product.madeBy(workflowId);
            products.saveAndFlush(product);
        }
    }

    @Override
    @Transactional(readOnly = true)
    public List<Sellable> productsMadeBy(Collection<UUID> workflowIds) {
        if (workflowIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select id, sku, name, base_price from catalog.products
                         where org_id = :org and default_workflow_id = any(:workflows)
                         order by sku
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("workflows", workflowIds.toArray(UUID[]::new))
                .query((rs, n) -> new Sellable(
                        rs.getObject("id", UUID.class),
                        null,
                        rs.getString("sku"),
                        rs.getString("name"),
                        rs.getBigDecimal("base_price")))
                .list();
    }

    @Override
    @Transactional(readOnly = true)
    public Map<UUID, SupplierCodes> supplierCodes(Collection<UUID> variantIds, UUID factoryOrgId) {
        if (variantIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, SupplierCodes> codes = new HashMap<>();
        jdbc.sql("""
                        select variant_id, supplier_product_code, supplier_variant_code, supplier_sku
                          from catalog.supplier_variants
                         where org_id = :org and factory_org_id = :factory and variant_id = any(:variants)
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("factory", factoryOrgId)
                .param("variants", variantIds.stream().distinct().toArray(UUID[]::new))
                .query((rs, n) -> Map.entry(
                        rs.getObject(1, UUID.class),
                        new SupplierCodes(rs.getString(2), rs.getString(3), rs.getString(4))))
                .list()
                .forEach(e -> codes.put(e.getKey(), e.getValue()));
        return codes;
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
    public Category changeCategory(UUID id, ExpectedVersion expected, CategoryData data) {
        return VersionedChanges.change(categories, category(id), expected, category -> {
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
        });
    }

    /** Only a category nothing is filed under can be deleted: no sub-category, part or product (409 otherwise). */
    @Transactional
    public void deleteCategory(UUID id, ExpectedVersion expected) {
        Category category = category(id);
        expected.require(category.version());
        var uses = jdbc.sql("""
                        select (select count(*) from catalog.categories where org_id = :org and parent_id = :id)
                                   as children,
                               (select count(*) from catalog.parts where org_id = :org and category_id = :id) as parts,
                               (select count(*) from catalog.products where org_id = :org and category_id = :id)
                                   as products
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("id", id)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
                .single();
        List<String> holding = new ArrayList<>();
        addCount(holding, uses[0], "sub-category", "sub-categories");
        addCount(holding, uses[1], "part", "parts");
        addCount(holding, uses[2], "product", "products");
        if (!holding.isEmpty()) {
            throw new ConflictException(
                    "Category " + category.code() + " still holds " + String.join(", ", holding) + "; move them first");
        }
        categories.delete(category);
        categories.flush();
    }

    private static void addCount(List<String> into, long count, String one, String many) {
        if (count > 0) {
            into.add(count + " " + (count == 1 ? one : many));
        }
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
                            select id, parent_id from catalog.categories where org_id = :org and id = :parent
                            union
                            select c.id, c.parent_id
                              from catalog.categories c join up on c.org_id = :org and c.id = up.parent_id
                        )
                        select exists (select 1 from up where id = :self)
                        """)
                .param("org", TenantContext.requireOrgId())
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

    /**
     * Without {@code q} a keyset page; with it the best matches first (full text, then trigram similarity), paged by
     * a {@link SearchCursor}.
     */
    @Transactional(readOnly = true)
    public ItemList<Part> listParts(PageRequest page, String q, Part.Kind kind) {
        if (q != null && !q.isBlank()) {
            String searched = "parts:" + q.trim() + ":" + kind;
            int offset = SearchCursor.offsetOf(page.cursor(), searched);
            List<UUID> ids = search.rankedIds(
                    CatalogSearch.Target.PARTS,
                    q,
                    new CatalogSearch.Filters(kind, null, null),
                    page.limit() + 1,
                    offset);
            return ranked(ids, page, searched, offset, found -> inOrder(found, parts.findAllById(found), Part::id));
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
        return createPart(io.traveler.shared.Ids.newId(), data);
    }

    private Part createPart(UUID id, PartData data) {
        var part = new Part(id, data.partNumber(), data.name(), data.kind(), data.unitOfMeasure());
        apply(part, data);
        return parts.saveAndFlush(part);
    }

    @Transactional
    public Part changePart(UUID id, ExpectedVersion expected, PartData data) {
        return VersionedChanges.change(parts, part(id), expected, part -> {
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
        });
    }

    /** A part still named by a bill of materials cannot be deleted (the 409 names the BOM line). */
    @Transactional
    public void deletePart(UUID id, ExpectedVersion expected) {
        Part part = part(id);
        expected.require(part.version());
        List<String> usedBy = jdbc.sql("""
                        select distinct p.sku from catalog.bom_lines l
                          join catalog.boms b on b.org_id = l.org_id and b.id = l.bom_id
                          join catalog.products p on p.org_id = b.org_id and p.id = b.product_id
                         where l.org_id = :org and l.component_type = 'PART' and l.component_id = :id
                         order by p.sku limit 5
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("id", id)
                .query(String.class)
                .list();
        if (!usedBy.isEmpty()) {
            throw new ConflictException("Part " + part.partNumber() + " is a component in the bills of materials of "
                    + String.join(", ", usedBy));
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
        part.procuredIn(
                data.leadTimeDays() != null || cleared.contains("lead_time_days")
                        ? data.leadTimeDays()
                        : part.leadTimeDays(),
                data.minimumOrderQuantity() != null || cleared.contains("minimum_order_quantity")
                        ? data.minimumOrderQuantity()
                        : part.minimumOrderQuantity());
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
            String searched = "products:" + q.trim();
            int offset = SearchCursor.offsetOf(page.cursor(), searched);
            List<UUID> ids = search.rankedIds(
                    CatalogSearch.Target.PRODUCTS, q, CatalogSearch.Filters.NONE, page.limit() + 1, offset);
            return ranked(
                    ids, page, searched, offset, found -> inOrder(found, products.findAllById(found), Product::id));
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
    public Product changeProduct(UUID id, ExpectedVersion expected, ProductData data) {
        return VersionedChanges.change(products, product(id), expected, product -> {
            if (data.sku() != null) {
                product.resku(data.sku());
            }
            if (data.name() != null) {
                product.rename(data.name());
            }
            apply(product, data);
        });
    }

    /**
     * A product can be deleted while nothing depends on it: no bill of materials names it as a component, it has no
     * variants, and its own BOMs are all DRAFTs, which are deleted with it (a version that was ever submitted is
     * history and keeps the product). The product row is locked, so no BOM of it is activated meanwhile.
     */
    @Transactional
    public void deleteProduct(UUID id, ExpectedVersion expected) {
        Product product = products.findLocked(id).orElseThrow(() -> NotFoundException.of("Product", id));
        expected.require(product.version());
        List<String> usedBy = jdbc.sql("""
                        select distinct p.sku from catalog.bom_lines l
                          join catalog.boms b on b.org_id = l.org_id and b.id = l.bom_id
                          join catalog.products p on p.org_id = b.org_id and p.id = b.product_id
                         where l.org_id = :org and l.component_type = 'PRODUCT' and l.component_id = :id
                         order by p.sku limit 5
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("id", id)
                .query(String.class)
                .list();
        if (!usedBy.isEmpty()) {
            throw new ConflictException("Product " + product.sku() + " is a component in the bills of materials of "
                    + String.join(", ", usedBy));
        }
        List<Bom> versions = boms.findByProductIdOrderByNumberDesc(id);
        List<String> kept = versions.stream()
                .filter(b -> b.status() != Bom.Status.DRAFT)
                .map(b -> "version " + b.number() + " is " + b.status())
                .toList();
        if (!kept.isEmpty()) {
            throw new ConflictException("Product " + product.sku() + " has bills of materials beyond DRAFT ("
                    + String.join(", ", kept) + "); discontinue it instead");
        }
        if (variants.existsByProductId(id)) {
            throw new ConflictException("Product " + product.sku() + " has variants; delete them first");
        }
        for (Bom draft : versions) {
            bomLines.deleteLinesOf(draft.id());
            boms.delete(draft);
            boms.flush();
        }
        products.delete(product);
        products.flush();
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

    /** One page of a ranking fetched with one row more than the limit, which tells whether another page follows. */
    private static <T> ItemList<T> ranked(
            List<UUID> ids, PageRequest page, String search, int offset, Function<List<UUID>, List<T>> load) {
        if (ids.size() <= page.limit()) {
            return new ItemList<>(load.apply(ids), null);
        }
        List<UUID> shown = ids.subList(0, page.limit());
        return new ItemList<>(load.apply(shown), new SearchCursor(search, offset + page.limit()).encode());
    }

    private static <T> List<T> inOrder(List<UUID> ids, List<T> found, Function<T, UUID> id) {
        Map<UUID, T> byId = found.stream().collect(Collectors.toMap(id, Function.identity()));
        return ids.stream().map(byId::get).toList();
    }
}
