package io.traveler.catalog.web;

import io.traveler.accounts.Accounts;
import io.traveler.catalog.internal.CatalogService;
import io.traveler.catalog.internal.Product;
import io.traveler.catalog.internal.SupplierVariant;
import io.traveler.catalog.internal.Variant;
import io.traveler.catalog.internal.VariantService;
import io.traveler.shared.Quantity;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.PageRequest;
import io.traveler.shared.web.Forms;
import io.traveler.shared.web.JsonObjects;
import io.traveler.shared.web.PageController;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;

/** A product's variants and, per variant, its supplier variants: the mappings to partner factories. */
@PageController
@RequestMapping("/app/catalog")
class VariantPages {
    /** Every variant of a product, by code (a product has a handful; the API pages beyond 500). */
    static final PageRequest ALL =
            PageRequest.of(PageRequest.MAX_LIMIT, null, "code", VariantService.VARIANT_SORTS.keySet(), "code");

    private final VariantService variants;
    private final CatalogService catalog;
    private final Accounts accounts;

    VariantPages(VariantService variants, CatalogService catalog, Accounts accounts) {
        this.variants = variants;
        this.catalog = catalog;
        this.accounts = accounts;
    }

    /** A variant as the product page lists it, its attributes as "key: value" pairs. */
    record VariantRow(
            UUID id,
            String code,
            String name,
            String sku,
            String attributesText,
            BigDecimal price,
            Variant.Status status) {
        static VariantRow of(Variant v) {
            JsonNode attributes = JsonObjects.read(v.attributes());
            String text = attributes == null
                    ? ""
                    : attributes.properties().stream()
                            .map(e -> e.getKey() + ": "
                                    + (e.getValue().isString() ? e.getValue().asString() : e.getValue()))
                            .collect(Collectors.joining(", "));
            return new VariantRow(v.id(), v.code(), v.name(), v.sku(), text, v.price(), v.status());
        }
    }

    record VariantForm(
            @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters")
            String name,

            @Size(max = 100, message = "must be at most 100 characters")
            String sku,

            @Size(max = 10000, message = "must be at most 10000 characters")
            String attributes,

            @DecimalMin(value = "0", message = "must not be negative") @Quantity
            BigDecimal price,

            @BindParam("cost_price") @DecimalMin(value = "0", message = "must not be negative") @Quantity
            BigDecimal costPrice,

            @NotNull(message = "is required") Variant.Status status,
            Long version) {

        static VariantForm blank() {
            return new VariantForm("", "", "{}", null, null, Variant.Status.ACTIVE, null);
        }

        static VariantForm of(Variant v) {
            return new VariantForm(
                    v.name(), v.sku(), v.attributes(), v.price(), v.costPrice(), v.status(), v.version());
        }

        /** The form shows the whole variant, so an empty optional field means none. */
        VariantService.VariantData data() {
            Set<String> cleared = new HashSet<>();
            boolean noSku = sku == null || sku.isBlank();
            if (noSku) {
                cleared.add("sku");
            }
            if (price == null) {
                cleared.add("price");
            }
            if (costPrice == null) {
                cleared.add("cost_price");
            }
            String attributesObject = CatalogPages.jsonObject("attributes", attributes, cleared);
            return new VariantService.VariantData(
                    name, noSku ? null : sku.trim(), attributesObject, price, costPrice, status, cleared);
        }
    }

    record SupplierVariantForm(
            @BindParam("factory_org_id") UUID factoryOrgId,

            @BindParam("supplier_product_code") @Size(max = 100, message = "must be at most 100 characters")
            String supplierProductCode,

            @BindParam("supplier_variant_code") @Size(max = 100, message = "must be at most 100 characters")
            String supplierVariantCode,

            @BindParam("supplier_sku") @Size(max = 100, message = "must be at most 100 characters")
            String supplierSku,

            @BindParam("supplier_price") @DecimalMin(value = "0", message = "must not be negative") @Quantity
            BigDecimal supplierPrice,

            @BindParam("minimum_quantity")
            @DecimalMin(value = "0", inclusive = false, message = "must be greater than zero")
            @Quantity
            BigDecimal minimumQuantity,

            @BindParam("lead_time_days") @Min(value = 0, message = "must not be negative")
            Integer leadTimeDays,

            @NotNull(message = "is required") SupplierVariant.Availability availability,
            Long version) {

        static SupplierVariantForm blank() {
            return new SupplierVariantForm(
                    null, "", "", "", null, null, null, SupplierVariant.Availability.AVAILABLE, null);
        }

        static SupplierVariantForm of(SupplierVariant s) {
            return new SupplierVariantForm(
                    s.factoryOrgId(),
                    s.supplierProductCode(),
                    s.supplierVariantCode(),
                    s.supplierSku(),
                    s.supplierPrice(),
                    s.minimumQuantity(),
                    s.leadTimeDays(),
                    s.availability(),
                    s.version());
        }

        VariantService.SupplierVariantData data() {
            Set<String> cleared = new HashSet<>();
            Map.of(
                            "supplier_product_code",
                            blank(supplierProductCode),
                            "supplier_variant_code",
                            blank(supplierVariantCode),
                            "supplier_sku",
                            blank(supplierSku),
                            "supplier_price",
                            supplierPrice == null,
                            "minimum_quantity",
                            minimumQuantity == null,
                            "lead_time_days",
                            leadTimeDays == null)
                    .forEach((field, empty) -> {
                        if (empty) {
                            cleared.add(field);
                        }
                    });
            return new VariantService.SupplierVariantData(
                    factoryOrgId,
                    text(supplierProductCode),
                    text(supplierVariantCode),
                    text(supplierSku),
                    supplierPrice,
                    minimumQuantity,
                    leadTimeDays,
                    availability,
                    cleared);
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }

        private static String text(String value) {
            return blank(value) ? null : value.trim();
        }
    }

    /** A supplier variant as the variant page lists it, with the factory's name. */
    record SupplierVariantRow(SupplierVariant mapping, String factory) {}

    // --- variants --------------------------------------------------------------------------------------------

    @GetMapping("/products/{productId}/variants/new")
    @PreAuthorize("hasAuthority('catalog:manage')")
    String newVariant(@PathVariable UUID productId, Model model) {
        return variantPage(model, catalog.product(productId), VariantForm.blank(), null);
    }

    @PostMapping("/products/{productId}/variants")
    @PreAuthorize("hasAuthority('catalog:manage')")
    String create(
            @PathVariable UUID productId,
            @Valid VariantForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes flash) {
        Product product = catalog.product(productId);
        VariantForm shown = form == null ? VariantForm.blank() : form;
        return Forms.save(form, binding, model, () -> variantPage(model, product, shown, null), () -> {
            Variant created = variants.create(productId, form.data());
            return Forms.notice(
                    flash, "Variant " + created.code() + " created.", "redirect:/app/catalog/variants/" + created.id());
        });
    }

    @GetMapping("/variants/{id}")
    @PreAuthorize("hasAuthority('catalog:read')")
    String variant(@PathVariable UUID id, Model model) {
        Variant variant = variants.variant(id);
        return variantPage(model, catalog.product(variant.productId()), VariantForm.of(variant), variant);
    }

    @PostMapping("/variants/{id}")
    @PreAuthorize("hasAuthority('catalog:manage')")
    String change(
            @PathVariable UUID id,
            @Valid VariantForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes flash) {
        Variant variant = variants.variant(id);
        Product product = catalog.product(variant.productId());
        return Forms.save(
                form,
                binding,
                model,
                () -> form == null
                        ? variantPage(model, product, VariantForm.of(variant), variant)
                        : variantPage(model, product, form, variant),
                () -> {
                    Variant changed = variants.change(id, ExpectedVersion.ofNullable(form.version()), form.data());
                    return Forms.notice(
                            flash, "Variant " + changed.code() + " saved.", "redirect:/app/catalog/variants/" + id);
                });
    }

    @GetMapping("/variants/{id}/delete")
    @PreAuthorize("hasAuthority('catalog:manage')")
    String confirmDelete(@PathVariable UUID id, Model model) {
        Variant variant = variants.variant(id);
        model.addAttribute("question", "Delete variant " + variant.code() + "?");
        model.addAttribute(
                "explanation", "Its supplier variants are deleted with it. Orders placed earlier keep their own copy.");
        model.addAttribute("action", "/app/catalog/variants/" + id + "/delete");
        model.addAttribute("version", variant.version());
        model.addAttribute("back", "/app/catalog/variants/" + id);
        return "confirm";
    }

    @PostMapping("/variants/{id}/delete")
    @PreAuthorize("hasAuthority('catalog:manage')")
    String delete(@PathVariable UUID id, @RequestParam(required = false) Long version, RedirectAttributes flash) {
        Variant variant = variants.variant(id);
        String back = Forms.act(
                flash,
                "/app/catalog/products/" + variant.productId(),
                "Variant " + variant.code() + " deleted.",
                () -> variants.delete(id, ExpectedVersion.ofNullable(version)));
        return flash.getFlashAttributes().containsKey(Forms.NOTICE) ? back : "redirect:/app/catalog/variants/" + id;
    }

    private String variantPage(Model model, Product product, VariantForm form, Variant variant) {
        model.addAttribute("product", product);
        model.addAttribute("form", form);
        model.addAttribute("variant", variant);
        model.addAttribute("statuses", Variant.Status.values());
        model.addAttribute(
                "heading", variant == null ? "New variant of " + product.sku() : "Variant " + variant.code());
        if (variant != null) {
            model.addAttribute(
                    "mappings",
                    variants.supplierVariantsOf(variant.id()).stream()
                            .map(s -> new SupplierVariantRow(
                                    s,
                                    variants.factoryName(s.factoryOrgId())
                                            .orElse(s.factoryOrgId().toString())))
                            .toList());
            if (!model.containsAttribute("mappingForm")) {
                model.addAttribute("mappingForm", SupplierVariantForm.blank());
            }
            model.addAttribute("factories", factoriesNotMapped(variant.id()));
            model.addAttribute("availabilities", SupplierVariant.Availability.values());
        }
        return "catalog/variant";
    }

    /** The active partner factories the variant has no supplier variant for yet. */
    private List<Accounts.OrganizationRef> factoriesNotMapped(UUID variantId) {
        Set<UUID> mapped = variants.supplierVariantsOf(variantId).stream()
                .map(SupplierVariant::factoryOrgId)
                .collect(Collectors.toSet());
        return accounts.activeFactories().stream()
                .filter(f -> !mapped.contains(f.id()))
                .toList();
    }

    // --- supplier variants -----------------------------------------------------------------------------------

    @PostMapping("/variants/{id}/supplier-variants")
    @PreAuthorize("hasAuthority('catalog:manage')")
    String createSupplierVariant(
            @PathVariable UUID id,
            @Valid SupplierVariantForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes flash) {
        Variant variant = variants.variant(id);
        Product product = catalog.product(variant.productId());
        SupplierVariantForm shown = form == null ? SupplierVariantForm.blank() : form;
        model.addAttribute("mappingForm", shown);
        return Forms.save(
                form, binding, model, () -> variantPage(model, product, VariantForm.of(variant), variant), () -> {
                    if (form.factoryOrgId() == null) {
                        throw new ValidationException("factory_org_id", "choose a partner factory");
                    }
                    variants.createSupplierVariant(id, form.data());
                    return Forms.notice(flash, "Supplier variant added.", "redirect:/app/catalog/variants/" + id);
                });
    }

    @GetMapping("/supplier-variants/{id}")
    @PreAuthorize("hasAuthority('catalog:read')")
    String supplierVariant(@PathVariable UUID id, Model model) {
        SupplierVariant mapping = variants.supplierVariant(id);
        return supplierVariantPage(model, mapping, SupplierVariantForm.of(mapping));
    }

    @PostMapping("/supplier-variants/{id}")
    @PreAuthorize("hasAuthority('catalog:manage')")
    String changeSupplierVariant(
            @PathVariable UUID id,
            @Valid SupplierVariantForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes flash) {
        SupplierVariant mapping = variants.supplierVariant(id);
        return Forms.save(
                form,
                binding,
                model,
                () -> form == null
                        ? supplierVariantPage(model, mapping, SupplierVariantForm.of(mapping))
                        : supplierVariantPage(model, mapping, form),
                () -> {
                    variants.changeSupplierVariant(id, ExpectedVersion.ofNullable(form.version()), form.data());
                    return Forms.notice(
                            flash, "Supplier variant saved.", "redirect:/app/catalog/variants/" + mapping.variantId());
                });
    }

    @PostMapping("/supplier-variants/{id}/delete")
    @PreAuthorize("hasAuthority('catalog:manage')")
    String deleteSupplierVariant(
            @PathVariable UUID id, @RequestParam(required = false) Long version, RedirectAttributes flash) {
        SupplierVariant mapping = variants.supplierVariant(id);
        return Forms.act(
                flash,
                "/app/catalog/variants/" + mapping.variantId(),
                "Supplier variant deleted.",
                () -> variants.deleteSupplierVariant(id, ExpectedVersion.ofNullable(version)));
    }

    private String supplierVariantPage(Model model, SupplierVariant mapping, SupplierVariantForm form) {
        Variant variant = variants.variant(mapping.variantId());
        model.addAttribute("variant", variant);
        model.addAttribute("mapping", mapping);
        model.addAttribute("form", form);
        model.addAttribute(
                "factory",
                variants.factoryName(mapping.factoryOrgId())
                        .orElse(mapping.factoryOrgId().toString()));
        model.addAttribute("availabilities", SupplierVariant.Availability.values());
        return "catalog/supplier-variant";
    }
}
