package io.traveler.catalog.web;

import io.traveler.catalog.internal.Bom;
import io.traveler.catalog.internal.BomLines;
import io.traveler.catalog.internal.BomService;
import io.traveler.catalog.internal.CatalogBrowsing;
import io.traveler.catalog.internal.CatalogService;
import io.traveler.catalog.internal.Product;
import io.traveler.catalog.internal.VariantService;
import io.traveler.shared.Quantity;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.web.Forms;
import io.traveler.shared.web.PageController;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A product: details and edit, its BOM versions with their actions, comparison of two versions, where-used. */
@PageController
@RequestMapping("/app/catalog/products")
class ProductPages {
    /** Activating a DRAFT without approval takes every permission an administrator has for it (as in the API). */
    private final CatalogService catalog;

    private final CatalogBrowsing browsing;
    private final BomService boms;
    private final VariantService variants;

    private final io.traveler.catalog.ProductTemplates templates;

    ProductPages(
            CatalogService catalog,
            CatalogBrowsing browsing,
            BomService boms,
            VariantService variants,
            io.traveler.catalog.ProductTemplates templates) {
        this.templates = templates;
        this.catalog = catalog;
        this.browsing = browsing;
        this.boms = boms;
        this.variants = variants;
    }

    record ProductForm(
            @NotBlank(message = "is required") @Size(max = 100, message = "must be at most 100 characters")
            String sku,

            @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters")
            String name,

            @Size(max = 4000, message = "must be at most 4000 characters")
            String description,

            @NotNull(message = "is required") Product.Type type,

            @BindParam("base_price") @DecimalMin(value = "0", message = "must not be negative") @Quantity
            BigDecimal basePrice,

            @NotNull(message = "is required") Product.Status status,
            @BindParam("category_id") UUID categoryId,
            Long version) {

        static ProductForm blank() {
            return new ProductForm("", "", "", Product.Type.COMPONENT, null, Product.Status.DRAFT, null, null);
        }

        static ProductForm of(Product p) {
            return new ProductForm(
                    p.sku(),
                    p.name(),
                    p.description(),
                    p.type(),
                    p.basePrice(),
                    p.status(),
                    p.categoryId(),
                    p.version());
        }

        CatalogService.ProductData data() {
            Set<String> cleared = new HashSet<>();
            if (basePrice == null) {
                cleared.add("base_price");
            }
            if (categoryId == null) {
                cleared.add("category_id");
            }
            boolean noDescription = description == null || description.isBlank();
            if (noDescription) {
                cleared.add("description");
            }
            return new CatalogService.ProductData(
                    sku, name, noDescription ? null : description, type, basePrice, null, status, categoryId, cleared);
        }
    }

    /** A version of the BOM with the actions its state allows (the buttons still check permissions). */
    record Version(Bom bom, Integer parentNumber) {
        public boolean editable() {
            return bom.status() == Bom.Status.DRAFT;
        }

        public boolean submittable() {
            return bom.status() == Bom.Status.DRAFT;
        }

        public boolean approvable() {
            return bom.status() == Bom.Status.PENDING_APPROVAL;
        }

        public boolean activatable(boolean mayActivateDraft) {
            return bom.kind() == Bom.Kind.STANDARD
                    && (bom.status() == Bom.Status.APPROVED || (bom.status() == Bom.Status.DRAFT && mayActivateDraft));
        }
    }

    @GetMapping("/new")
    @PreAuthorize("hasAuthority('catalog:manage')")
    String newProduct(Model model, Authentication caller) {
        return productPage(model, ProductForm.blank(), null, caller);
    }

    @PostMapping
    @PreAuthorize("hasAuthority('catalog:manage')")
    String create(
            @Valid ProductForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes flash,
            Authentication caller) {
        ProductForm shown = form == null ? ProductForm.blank() : form;
        return Forms.save(form, binding, model, () -> productPage(model, shown, null, caller), () -> {
            Product created = catalog.createProduct(form.data());
            return Forms.notice(
                    flash, "Product " + created.sku() + " created.", "redirect:/app/catalog/products/" + created.id());
        });
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('catalog:read')")
    String product(@PathVariable UUID id, Model model, Authentication caller) {
        return productPage(model, ProductForm.of(catalog.product(id)), id, caller);
    }

    @PostMapping("/{id}")
    @PreAuthorize("hasAuthority('catalog:manage')")
    String change(
            @PathVariable UUID id,
            @Valid ProductForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes flash,
            Authentication caller) {
        return Forms.save(
                form,
                binding,
                model,
                () -> form == null
                        ? productPage(model, ProductForm.of(catalog.product(id)), id, caller)
                        : productPage(model, form, id, caller),
                () -> {
                    Product changed =
                            catalog.changeProduct(id, ExpectedVersion.ofNullable(form.version()), form.data());
                    return Forms.notice(
                            flash, "Product " + changed.sku() + " saved.", "redirect:/app/catalog/products/" + id);
                });
    }

    /** A new empty DRAFT version, opened in the BOM editor. */
    @PostMapping("/{id}/boms")
    @PreAuthorize("hasAuthority('catalog:manage')")
    String newDraft(@PathVariable UUID id, RedirectAttributes flash) {
        UUID[] created = new UUID[1];
        String back = Forms.act(
                flash,
                "/app/catalog/products/" + id,
                "Draft created.",
                () -> created[0] = boms.createDraft(id, List.<BomLines.Line>of(), null)
                        .bom()
                        .id());
        return created[0] == null ? back : "redirect:/app/catalog/boms/" + created[0] + "/edit";
    }

    @PostMapping("/{id}/boms/{bomId}/{action:submit|approve|activate}")
    @PreAuthorize("hasAuthority('catalog:manage') or hasAuthority('boms:approve')")
    String act(
            @PathVariable UUID id,
            @PathVariable UUID bomId,
            @PathVariable String action,
            @RequestParam(required = false) Long version,
            Authentication caller,
            RedirectAttributes flash) {
        ExpectedVersion expected = ExpectedVersion.ofNullable(version);
        return Forms.act(flash, "/app/catalog/products/" + id, "Version " + action + "d.", () -> {
            switch (action) {
                case "submit" -> requireHeld(caller, "catalog:manage", () -> boms.submit(bomId, expected));
                case "approve" -> requireHeld(caller, "boms:approve", () -> boms.approve(bomId, expected));
                default -> requireHeld(caller, "catalog:manage", () -> boms.activate(bomId, expected));
            }
        });
    }

    @PostMapping("/{id}/boms/{bomId}/revise")
    @PreAuthorize("hasAuthority('catalog:manage')")
    String revise(@PathVariable UUID id, @PathVariable UUID bomId, RedirectAttributes flash) {
        UUID revised = boms.revise(bomId).bom().id();
        return Forms.notice(
                flash, "A new draft copies the version's lines.", "redirect:/app/catalog/boms/" + revised + "/edit");
    }

    @GetMapping("/{id}/compare")
    @PreAuthorize("hasAuthority('catalog:read')")
    String compare(@PathVariable UUID id, @RequestParam UUID from, @RequestParam UUID to, Model model) {
        Product product = catalog.product(id);
        var comparison = boms.compare(from, to);
        Set<UUID> ids = Stream.of(
                        comparison.added().stream(),
                        comparison.removed().stream(),
                        comparison.changed().stream().map(BomService.LineChange::to))
                .flatMap(s -> s)
                .map(BomLines.Line::componentId)
                .collect(Collectors.toSet());
        model.addAttribute("product", product);
        model.addAttribute("from", boms.bom(from).bom());
        model.addAttribute("to", boms.bom(to).bom());
        model.addAttribute("comparison", comparison);
        model.addAttribute("components", browsing.components(ids));
        return "catalog/compare";
    }

    private String productPage(Model model, ProductForm form, UUID id, Authentication caller) {
        model.addAttribute("form", form);
        model.addAttribute("productId", id);
        model.addAttribute("heading", id == null ? "New product" : "Product " + form.sku());
        model.addAttribute("types", Product.Type.values());
        model.addAttribute("statuses", Product.Status.values());
        model.addAttribute("categories", browsing.allCategories());
        if (id != null) {
            List<Bom> history = boms.history(id);
            model.addAttribute(
                    "versions",
                    history.stream()
                            .map(b -> new Version(
                                    b,
                                    history.stream()
                                            .filter(p -> p.id().equals(b.parentBomId()))
                                            .map(Bom::number)
                                            .findFirst()
                                            .orElse(null)))
                            .toList());
            model.addAttribute("mayActivateDraft", boms.callerMayActivateDraft());
            model.addAttribute("uses", boms.whereUsed(Bom.ComponentType.PRODUCT, id));
            model.addAttribute("designDocs", templates.designDocsOf(id));
            model.addAttribute(
                    "variants",
                    variants.listOfProduct(id, VariantPages.ALL, null).items().stream()
                            .map(VariantPages.VariantRow::of)
                            .toList());
        }
        return "catalog/product";
    }

    private static void requireHeld(Authentication caller, String permission, Runnable action) {
        if (!held(caller).contains(permission)) {
            throw new org.springframework.security.access.AccessDeniedException("needs " + permission);
        }
        action.run();
    }

    private static Set<String> held(Authentication caller) {
        return caller.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .collect(Collectors.toSet());
    }
}
