package io.traveler.catalog.internal;

import io.traveler.accounts.Accounts;
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
import jakarta.persistence.criteria.Predicate;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Variants of product templates and their supplier variants, the mappings to partner factories. */
@Service
public class VariantService {
    public static final Map<String, String> VARIANT_SORTS =
            Map.of("code", "code", "name", "name", "created_at", "createdAt");

    private final Variants variants;
    private final SupplierVariants supplierVariants;
    private final Products products;
    private final Accounts accounts;
    private final EntityManager em;
    private final JdbcClient jdbc;

    VariantService(
            Variants variants,
            SupplierVariants supplierVariants,
            Products products,
            Accounts accounts,
            EntityManager em,
            JdbcClient jdbc) {
        this.variants = variants;
        this.supplierVariants = supplierVariants;
        this.products = products;
        this.accounts = accounts;
        this.em = em;
        this.jdbc = jdbc;
    }

    public record VariantData(
            String name,
            String sku,
            String attributes,
            BigDecimal price,
            BigDecimal costPrice,
            Variant.Status status,
            Set<String> cleared) {}

    public record VariantFilter(UUID productId, String code, String sku, Variant.Status status) {}

    public record SupplierVariantData(
            UUID factoryOrgId,
            String supplierProductCode,
            String supplierVariantCode,
            String supplierSku,
            BigDecimal supplierPrice,
            BigDecimal minimumQuantity,
            Integer leadTimeDays,
            SupplierVariant.Availability availability,
            Set<String> cleared) {}

    // --- variants --------------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public ItemList<Variant> listOfProduct(UUID productId, PageRequest page, Variant.Status status) {
        requireProduct(productId);
        return list(page, new VariantFilter(productId, null, null, status));
    }

    @Transactional(readOnly = true)
    public ItemList<Variant> list(PageRequest page, VariantFilter filter) {
        return KeysetPager.page(em, Variant.class, page, VARIANT_SORTS, (root, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (filter.productId() != null) {
                where.add(cb.equal(root.get("productId"), filter.productId()));
            }
            if (filter.code() != null) {
                where.add(cb.equal(root.get("code"), filter.code().trim().toUpperCase()));
            }
            if (filter.sku() != null) {
                where.add(cb.equal(root.get("sku"), filter.sku().trim()));
            }
            if (filter.status() != null) {
                where.add(cb.equal(root.get("status"), filter.status()));
            }
            return where.isEmpty() ? null : cb.and(where.toArray(Predicate[]::new));
        });
    }

    @Transactional(readOnly = true)
    public Variant variant(UUID id) {
        return variants.findById(id).orElseThrow(() -> NotFoundException.of("Variant", id));
    }

    /** A new variant of the product with a system code no other variant of the organization has. */
    @Transactional
    public Variant create(UUID productId, VariantData data) {
        requireProduct(productId);
        lockVariantCodes();
        var variant = new Variant(productId, VariantCodes.draw(variants::existsByCode), data.name());
        apply(variant, data);
        return variants.saveAndFlush(variant);
    }

    @Transactional
    public Variant change(UUID id, ExpectedVersion expected, VariantData data) {
        return VersionedChanges.change(variants, variant(id), expected, variant -> {
            if (data.name() != null) {
                variant.rename(data.name());
            }
            apply(variant, data);
        });
    }

    /** A variant goes with its supplier variants: they describe nothing else. */
    @Transactional
    public void delete(UUID id, ExpectedVersion expected) {
        VersionedChanges.delete(variants, variant(id), expected, variant -> {
            supplierVariants.deleteAll(supplierVariants.findByVariantIdOrderByCreatedAt(id));
            supplierVariants.flush();
        });
    }

    /**
     * Serializes the choice of new codes within the organization until the transaction ends: a code drawn after
     * this lock is checked against every committed code, and no other transaction can be choosing at the same time.
     * The unique key {@code variants_code_key} stays the guarantee.
     */
    void lockVariantCodes() {
        jdbc.sql("select 1 from pg_advisory_xact_lock(hashtextextended("
                        + "'catalog.variant_codes:' || current_setting('app.org_id'), 0))")
                .query(Integer.class)
                .single();
    }

    private void apply(Variant variant, VariantData data) {
        Set<String> cleared = data.cleared();
        if (data.sku() != null || cleared.contains("sku")) {
            if (data.sku() != null) {
                requireFreeSku(variant, data.sku().trim());
            }
            variant.identifyAs(data.sku());
        }
        if (data.attributes() != null || cleared.contains("attributes")) {
            variant.describeBy(data.attributes());
        }
        if (data.price() != null || cleared.contains("price")) {
            variant.priceAt(data.price());
        }
        if (data.costPrice() != null || cleared.contains("cost_price")) {
            variant.costs(data.costPrice());
        }
        if (data.status() != null) {
            variant.changeStatus(data.status());
        }
    }

    private void requireFreeSku(Variant variant, String sku) {
        Optional<String> holder = jdbc.sql(
                        "select code from catalog.variants where org_id = :org and sku = :sku and id <> :id")
                .param("org", TenantContext.requireOrgId())
                .param("sku", sku)
                .param("id", variant.id())
                .query(String.class)
                .optional();
        holder.ifPresent(code -> {
            throw new ConflictException("SKU " + sku + " is already the SKU of variant " + code);
        });
    }

    private void requireProduct(UUID productId) {
        if (!products.existsById(productId)) {
            throw NotFoundException.of("Product", productId);
        }
    }

    // --- supplier variants -----------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public List<SupplierVariant> supplierVariantsOf(UUID variantId) {
        variant(variantId);
        return supplierVariants.findByVariantIdOrderByCreatedAt(variantId);
    }

    @Transactional(readOnly = true)
    public SupplierVariant supplierVariant(UUID id) {
        return supplierVariants.findById(id).orElseThrow(() -> NotFoundException.of("Supplier variant", id));
    }

    /**
     * Maps the variant to a factory the organization has an ACTIVE partnership with; one mapping per factory. A
     * mapping outlives the end of its partnership (it is what orders placed with the factory were based on).
     */
    @Transactional
    public SupplierVariant createSupplierVariant(UUID variantId, SupplierVariantData data) {
        Variant variant = variant(variantId);
        UUID factory = data.factoryOrgId();
        if (!accounts.isActivePartner(variant.orgId(), factory)) {
            throw new ValidationException(
                    "factory_org_id", "is not a factory with an ACTIVE partnership with this organization");
        }
        boolean mapped = supplierVariants.findByVariantIdOrderByCreatedAt(variantId).stream()
                .anyMatch(s -> s.factoryOrgId().equals(factory));
        if (mapped) {
            throw new ConflictException("Variant " + variant.code() + " is already mapped for factory " + factory);
        }
        var mapping = new SupplierVariant(variantId, factory);
        apply(mapping, data);
        return supplierVariants.saveAndFlush(mapping);
    }

    @Transactional
    public SupplierVariant changeSupplierVariant(UUID id, ExpectedVersion expected, SupplierVariantData data) {
        return VersionedChanges.change(supplierVariants, supplierVariant(id), expected, mapping -> {
            if (data.factoryOrgId() != null && !data.factoryOrgId().equals(mapping.factoryOrgId())) {
                throw new ValidationException(
                        "factory_org_id", "cannot change; map the variant for the other factory instead");
            }
            apply(mapping, data);
        });
    }

    @Transactional
    public void deleteSupplierVariant(UUID id, ExpectedVersion expected) {
        VersionedChanges.delete(supplierVariants, supplierVariant(id), expected);
    }

    /** The factory's name, read from the accounts module. */
    public Optional<String> factoryName(UUID factoryOrgId) {
        return accounts.organizationName(factoryOrgId);
    }

    private static void apply(SupplierVariant mapping, SupplierVariantData data) {
        Set<String> cleared = data.cleared();
        mapping.knownAs(
                keep(data.supplierProductCode(), mapping.supplierProductCode(), cleared, "supplier_product_code"),
                keep(data.supplierVariantCode(), mapping.supplierVariantCode(), cleared, "supplier_variant_code"),
                keep(data.supplierSku(), mapping.supplierSku(), cleared, "supplier_sku"));
        if (data.supplierPrice() != null || cleared.contains("supplier_price")) {
            mapping.pricedAt(data.supplierPrice());
        }
        if (data.minimumQuantity() != null || cleared.contains("minimum_quantity")) {
            mapping.orderedFrom(data.minimumQuantity());
        }
        if (data.leadTimeDays() != null || cleared.contains("lead_time_days")) {
            mapping.deliveredIn(data.leadTimeDays());
        }
        if (data.availability() != null) {
            mapping.changeAvailability(data.availability());
        }
    }

    /** The sent text (trimmed), or null when cleared, or else the current value. */
    private static String keep(String sent, String current, Set<String> cleared, String field) {
        if (sent != null) {
            return sent.trim();
        }
        return cleared.contains(field) ? null : current;
    }
}
