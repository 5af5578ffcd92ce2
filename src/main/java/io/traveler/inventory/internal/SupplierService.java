package io.traveler.inventory.internal;

import io.traveler.catalog.Catalog;
import io.traveler.shared.Quantities;
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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Suppliers and what each sells of the catalog's parts. */
@Service
public class SupplierService {
    public static final Map<String, String> SORTS = Map.of("code", "code", "name", "name", "created_at", "createdAt");

    private final Suppliers suppliers;
    private final SupplierParts supplierParts;
    private final PurchaseOrders purchaseOrders;
    private final Catalog catalog;
    private final EntityManager em;
    private final JdbcClient jdbc;

    SupplierService(
            Suppliers suppliers,
            SupplierParts supplierParts,
            PurchaseOrders purchaseOrders,
            Catalog catalog,
            EntityManager em,
            JdbcClient jdbc) {
        this.suppliers = suppliers;
        this.supplierParts = supplierParts;
        this.purchaseOrders = purchaseOrders;
        this.catalog = catalog;
        this.em = em;
        this.jdbc = jdbc;
    }

    /** A supplier's fields; on a change, a null field stays as it is unless its name is in {@code cleared}. */
    public record SupplierData(
            String code,
            String name,
            String email,
            String phone,
            String address,
            String currency,
            Integer leadTimeDays,
            String notes,
            Boolean active,
            Set<String> cleared) {}

    /** What a supplier sells of a part; on a change, as {@link SupplierData}. */
    public record SupplierPartData(
            UUID partId,
            String supplierSku,
            BigDecimal unitPrice,
            Integer leadTimeDays,
            BigDecimal minimumQuantity,
            Boolean preferred,
            Set<String> cleared) {}

    @Transactional(readOnly = true)
    public ItemList<Supplier> list(PageRequest page, String q, Boolean active) {
        String words = q == null || q.isBlank() ? null : "%" + q.strip().toLowerCase(Locale.ROOT) + "%";
        return KeysetPager.page(em, Supplier.class, page, SORTS, (root, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (words != null) {
                where.add(
                        cb.or(cb.like(cb.lower(root.get("name")), words), cb.like(cb.lower(root.get("code")), words)));
            }
            if (active != null) {
                where.add(cb.equal(root.get("active"), active));
            }
            return where.isEmpty() ? null : cb.and(where.toArray(Predicate[]::new));
        });
    }

    @Transactional(readOnly = true)
    public List<Supplier> active() {
        return suppliers.findByActiveTrueOrderByName();
    }

    @Transactional(readOnly = true)
    public Supplier supplier(UUID id) {
        return suppliers.findById(id).orElseThrow(() -> NotFoundException.of("Supplier", id));
    }

    @Transactional(readOnly = true)
    public Map<UUID, Supplier> suppliers(java.util.Collection<UUID> ids) {
        return suppliers.findAllById(ids).stream().collect(java.util.stream.Collectors.toMap(Supplier::id, s -> s));
    }

    @Transactional
    public Supplier create(SupplierData data) {
        require("code", data.code());
        require("name", data.name());
        code(data.code());
        refuseTakenCode(data.code(), null);
        var supplier = new Supplier(data.code().strip(), data.name().strip(), "EUR");
        apply(supplier, data);
        return suppliers.saveAndFlush(supplier);
    }

    @Transactional
    public Supplier change(UUID id, ExpectedVersion expected, SupplierData data) {
        Supplier supplier = supplier(id);
        if (data.code() != null) {
            code(data.code());
            refuseTakenCode(data.code(), id);
        }
        return VersionedChanges.change(suppliers, supplier, expected, s -> apply(s, data));
    }

    /** Only a supplier nothing was ordered or received from: otherwise it is deactivated instead. */
    @Transactional
    public void delete(UUID id, ExpectedVersion expected) {
        VersionedChanges.delete(suppliers, supplier(id), expected, s -> {
            boolean received = jdbc.sql(
                            "select exists (select 1 from inventory.lots where org_id = :org and supplier_id = :id)")
                    .param("org", TenantContext.requireOrgId())
                    .param("id", id)
                    .query(Boolean.class)
                    .single();
            if (received || purchaseOrders.existsBySupplierId(id)) {
                throw new ConflictException("Supplier " + s.code()
                        + " has purchase orders or received lots: deactivate it instead (active false)");
            }
        });
    }

    private void refuseTakenCode(String code, UUID self) {
        suppliers.findByCode(code.strip()).filter(s -> !s.id().equals(self)).ifPresent(s -> {
            throw new ValidationException("code", "is already the code of another supplier");
        });
    }

    private static void apply(Supplier s, SupplierData d) {
        Set<String> cleared = d.cleared() == null ? Set.of() : d.cleared();
        if (cleared.contains("code") || cleared.contains("name")) {
            throw new ValidationException(cleared.contains("code") ? "code" : "name", "is required");
        }
        if (d.code() != null || d.name() != null) {
            s.rename(
                    d.code() == null ? s.code() : nonBlank("code", d.code()),
                    d.name() == null ? s.name() : nonBlank("name", d.name()));
        }
        s.reachedAt(
                keep(d.email(), s.email(), cleared, "email"),
                keep(d.phone(), s.phone(), cleared, "phone"),
                keep(d.address(), s.address(), cleared, "address"));
        if (cleared.contains("currency")) {
            throw new ValidationException("currency", "is required");
        }
        if (d.currency() != null) {
            if (!d.currency().matches("[A-Z]{3}")) {
                throw new ValidationException("currency", "must be a three-letter ISO 4217 code such as EUR");
            }
            s.sellsIn(d.currency());
        }
        if (d.leadTimeDays() != null || cleared.contains("lead_time_days")) {
            s.deliversIn(leadTime("lead_time_days", d.leadTimeDays()));
        }
        s.note(keep(d.notes(), s.notes(), cleared, "notes"));
        if (d.active() != null) {
            s.activate(d.active());
        }
    }

    // --- supplier parts ------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public List<SupplierPart> partsOf(UUID supplierId) {
        supplier(supplierId);
        return supplierParts.findBySupplierIdOrderByCreatedAt(supplierId);
    }

    @Transactional(readOnly = true)
    public SupplierPart supplierPart(UUID id) {
        return supplierParts.findById(id).orElseThrow(() -> NotFoundException.of("Supplier part", id));
    }

    @Transactional
    public SupplierPart addPart(UUID supplierId, SupplierPartData data) {
        supplier(supplierId);
        if (data.partId() == null) {
            throw new ValidationException("part_id", "is required");
        }
        if (catalog.parts(List.of(data.partId())).isEmpty()) {
            throw new ValidationException("part_id", "is not a part of this organization");
        }
        if (data.unitPrice() == null) {
            throw new ValidationException("unit_price", "is required");
        }
        if (supplierParts.findBySupplierIdAndPartId(supplierId, data.partId()).isPresent()) {
            throw new ConflictException("This supplier already sells this part: change that entry instead");
        }
        var entry = new SupplierPart(supplierId, data.partId(), price("unit_price", data.unitPrice()));
        apply(entry, data);
        return preferIfAsked(supplierParts.saveAndFlush(entry), data);
    }

    @Transactional
    public SupplierPart changePart(UUID id, ExpectedVersion expected, SupplierPartData data) {
        SupplierPart entry = supplierPart(id);
        if (data.partId() != null && !data.partId().equals(entry.partId())) {
            throw new ValidationException("part_id", "cannot change: add the other part as its own entry");
        }
        if (data.cleared() != null && data.cleared().contains("unit_price")) {
            throw new ValidationException("unit_price", "is required");
        }
        SupplierPart changed = VersionedChanges.change(supplierParts, entry, expected, e -> {
            if (data.unitPrice() != null) {
                e.pricedAt(price("unit_price", data.unitPrice()));
            }
            apply(e, data);
        });
        return preferIfAsked(changed, data);
    }

    @Transactional
    public void deletePart(UUID id, ExpectedVersion expected) {
        VersionedChanges.delete(supplierParts, supplierPart(id), expected);
    }

    /** At most one preferred source per part: the others give up their preference first. */
    private SupplierPart preferIfAsked(SupplierPart entry, SupplierPartData data) {
        if (!Boolean.TRUE.equals(data.preferred()) || entry.preferred()) {
            return entry;
        }
        for (SupplierPart other : supplierParts.findByPartIdIn(List.of(entry.partId()))) {
            if (other.preferred() && !other.id().equals(entry.id())) {
                other.prefer(false);
            }
        }
        supplierParts.flush();
        entry.prefer(true);
        return supplierParts.saveAndFlush(entry);
    }

    private static void apply(SupplierPart e, SupplierPartData d) {
        Set<String> cleared = d.cleared() == null ? Set.of() : d.cleared();
        e.knownAs(keep(d.supplierSku(), e.supplierSku(), cleared, "supplier_sku"));
        if (d.leadTimeDays() != null || cleared.contains("lead_time_days")) {
            e.deliveredIn(leadTime("lead_time_days", d.leadTimeDays()));
        }
        if (d.minimumQuantity() != null || cleared.contains("minimum_quantity")) {
            BigDecimal minimum = Quantities.require("minimum_quantity", d.minimumQuantity());
            if (minimum != null && minimum.signum() <= 0) {
                throw new ValidationException("minimum_quantity", "must be greater than 0");
            }
            e.soldFrom(minimum);
        }
        if (Boolean.FALSE.equals(d.preferred())) {
            e.prefer(false);
        }
    }

    static BigDecimal price(String field, BigDecimal price) {
        Quantities.require(field, price);
        if (price.signum() < 0) {
            throw new ValidationException(field, "must be 0 or more");
        }
        return price;
    }

    private static Integer leadTime(String field, Integer days) {
        if (days != null && (days < 0 || days > 3650)) {
            throw new ValidationException(field, "must be between 0 and 3650 days");
        }
        return days;
    }

    private static void code(String code) {
        if (!code.strip().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,49}")) {
            throw new ValidationException(
                    "code",
                    "must be 1 to 50 letters, digits, dots, dashes or underscores, starting with a letter or digit");
        }
    }

    private static void require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, "is required");
        }
    }

    private static String nonBlank(String field, String value) {
        require(field, value);
        return value.strip();
    }

    /** The new text (blank clears it), the current one when none was sent, none when cleared. */
    private static String keep(String value, String current, Set<String> cleared, String field) {
        if (value != null) {
            return value.isBlank() ? null : value.strip();
        }
        return cleared.contains(field) ? null : current;
    }

    static <T> Map<UUID, T> byId(List<T> rows, Function<T, UUID> id) {
        return rows.stream().collect(java.util.stream.Collectors.toMap(id, r -> r));
    }
}
