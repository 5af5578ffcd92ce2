package io.traveler.equipment.internal;

import io.traveler.catalog.Catalog;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.TravelerException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.tenancy.TenantContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A product's equipment requirements: the equipment making it needs, how many of each and a note. The set is read
 * and replaced as a whole, under one version per product (0 before it was first set), so two editors cannot
 * overwrite each other unseen.
 */
@Component
public class ProductEquipment {
    public static final int MAX_ITEMS = 100;

    public record EquipmentRequirement(
            UUID equipmentId,
            String equipmentCode,
            String equipmentName,
            String equipmentStatus,
            int quantity,
            String notes) {}

    public record EquipmentRequirements(UUID productId, long version, List<EquipmentRequirement> items) {}

    public record RequirementData(UUID equipmentId, Integer quantity, String notes) {}

    /** A product requiring some equipment (the equipment page's "needed by"). */
    public record Requiring(UUID productId, String sku, String name, int quantity) {}

    private final JdbcClient jdbc;
    private final Catalog catalog;

    ProductEquipment(JdbcClient jdbc, Catalog catalog) {
        this.jdbc = jdbc;
        this.catalog = catalog;
    }

    @Transactional(readOnly = true)
    public EquipmentRequirements of(UUID productId) {
        requireProduct(productId);
        return read(productId, version(productId, false));
    }

    /** Replaces the product's requirements; {@code expected} must name the version read (0 for none yet). */
    @Transactional
    public EquipmentRequirements replace(UUID productId, ExpectedVersion expected, List<RequirementData> items) {
        requireProduct(productId);
        List<RequirementData> wanted = valid(items == null ? List.of() : items);
        UUID org = TenantContext.requireOrgId();
        jdbc.sql("""
                        insert into equipment.product_requirements (org_id, product_id, version, updated_at)
                        values (:org, :product, 0, now()) on conflict do nothing
                        """).param("org", org).param("product", productId).update();
        long current = version(productId, true);
        expected.require(current);
        jdbc.sql("delete from equipment.product_equipment where org_id = :org and product_id = :product")
                .param("org", org)
                .param("product", productId)
                .update();
        for (RequirementData item : wanted) {
            jdbc.sql("""
                            insert into equipment.product_equipment (org_id, product_id, equipment_id, quantity, notes)
                            values (:org, :product, :equipment, :quantity, :notes)
                            """)
                    .param("org", org)
                    .param("product", productId)
                    .param("equipment", item.equipmentId())
                    .param("quantity", item.quantity() == null ? 1 : item.quantity())
                    .param(
                            "notes",
                            item.notes() == null || item.notes().isBlank()
                                    ? null
                                    : item.notes().trim())
                    .update();
        }
        jdbc.sql("""
                        update equipment.product_requirements set version = version + 1, updated_at = now()
                         where org_id = :org and product_id = :product
                        """).param("org", org).param("product", productId).update();
        return read(productId, current + 1);
    }

    /** The products requiring this equipment, by SKU. */
    @Transactional(readOnly = true)
    public List<Requiring> requiring(UUID equipmentId) {
        record Row(UUID productId, int quantity) {}
        List<Row> rows = jdbc.sql("""
                        select product_id, quantity from equipment.product_equipment
                         where org_id = :org and equipment_id = :equipment limit 200
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("equipment", equipmentId)
                .query((rs, n) -> new Row(rs.getObject("product_id", UUID.class), rs.getInt("quantity")))
                .list();
        var products = catalog.sellables(rows.stream()
                .map(r -> new Catalog.SellableRef(r.productId(), null))
                .toList());
        return rows.stream()
                .map(r -> {
                    var product = products.get(new Catalog.SellableRef(r.productId(), null));
                    return product == null
                            ? null
                            : new Requiring(r.productId(), product.sku(), product.name(), r.quantity());
                })
                .filter(java.util.Objects::nonNull)
                .sorted(java.util.Comparator.comparing(Requiring::sku))
                .toList();
    }

    private List<RequirementData> valid(List<RequirementData> items) {
        if (items.size() > MAX_ITEMS) {
            throw new ValidationException("items", "at most " + MAX_ITEMS + " pieces of equipment");
        }
        List<TravelerException.FieldError> errors = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            RequirementData item = items.get(i);
            String at = "items[" + i + "].";
            if (item == null || item.equipmentId() == null) {
                errors.add(new TravelerException.FieldError(at + "equipment_id", "is required"));
                continue;
            }
            if (!seen.add(item.equipmentId())) {
                errors.add(new TravelerException.FieldError(at + "equipment_id", "is named twice"));
            }
            if (item.quantity() != null && (item.quantity() < 1 || item.quantity() > 1000)) {
                errors.add(new TravelerException.FieldError(at + "quantity", "must be between 1 and 1000"));
            }
            if (item.notes() != null && item.notes().length() > 500) {
                errors.add(new TravelerException.FieldError(at + "notes", "must be at most 500 characters"));
            }
        }
        if (!seen.isEmpty()) {
            Set<UUID> known =
                    new HashSet<>(jdbc.sql("select id from equipment.equipment where org_id = :org and id = any(:ids)")
                            .param("org", TenantContext.requireOrgId())
                            .param("ids", seen.toArray(UUID[]::new))
                            .query(UUID.class)
                            .list());
            for (int i = 0; i < items.size(); i++) {
                RequirementData item = items.get(i);
                if (item != null && item.equipmentId() != null && !known.contains(item.equipmentId())) {
                    errors.add(new TravelerException.FieldError(
                            "items[" + i + "].equipment_id", "is not equipment of this organization"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return items;
    }

    private EquipmentRequirements read(UUID productId, long version) {
        List<EquipmentRequirement> items = jdbc.sql("""
                        select r.equipment_id, e.code, e.name, e.status, r.quantity, r.notes
                          from equipment.product_equipment r
                          join equipment.equipment e on e.org_id = r.org_id and e.id = r.equipment_id
                         where r.org_id = :org and r.product_id = :product
                         order by e.code
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("product", productId)
                .query((rs, n) -> new EquipmentRequirement(
                        rs.getObject("equipment_id", UUID.class),
                        rs.getString("code"),
                        rs.getString("name"),
                        rs.getString("status"),
                        rs.getInt("quantity"),
                        rs.getString("notes")))
                .list();
        return new EquipmentRequirements(productId, Math.max(version, 0), items);
    }

    /** The product's version: 0 when it has none yet; {@code lock} holds its row for the replacement. */
    private long version(UUID productId, boolean lock) {
        return jdbc.sql(
                        "select version from equipment.product_requirements where org_id = :org and product_id = :product"
                                + (lock ? " for update" : ""))
                .param("org", TenantContext.requireOrgId())
                .param("product", productId)
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    private void requireProduct(UUID productId) {
        if (!catalog.productExists(productId)) {
            throw NotFoundException.of("Product", productId);
        }
    }
}
