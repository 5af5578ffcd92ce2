package io.traveler.catalog.web;

import io.traveler.catalog.internal.Bom;
import io.traveler.catalog.internal.BomService;
import io.traveler.catalog.internal.CatalogBrowsing;
import io.traveler.catalog.internal.CatalogExport;
import io.traveler.catalog.internal.CatalogService;
import io.traveler.catalog.internal.Category;
import io.traveler.catalog.internal.Part;
import io.traveler.catalog.internal.Product;
import io.traveler.shared.Quantity;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jobs.JobRunner;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.web.Forms;
import io.traveler.shared.web.JsonObjects;
import io.traveler.shared.web.ListPages;
import io.traveler.shared.web.PageController;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
import tools.jackson.core.JacksonException;

/** The catalog browser (parts, products, the category tree) and the pages of a part. */
@PageController
@RequestMapping("/app/catalog")
class CatalogPages {

    private final CatalogService catalog;
    private final CatalogBrowsing browsing;
    private final BomService boms;
    private final CatalogExport export;

    private final JobRunner jobs;

    CatalogPages(
            CatalogService catalog, CatalogBrowsing browsing, BomService boms, CatalogExport export, JobRunner jobs) {
        this.jobs = jobs;
        this.catalog = catalog;
        this.browsing = browsing;
        this.boms = boms;
        this.export = export;
    }

    /** A category with its children, for the tree beside the lists. */
    record CategoryNode(Category category, List<CategoryNode> children) {}

    record PartForm(
            @BindParam("part_number")
            @NotBlank(message = "is required")
            @Size(max = 100, message = "must be at most 100 characters")
            String partNumber,

            @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters")
            String name,

            @Size(max = 4000, message = "must be at most 4000 characters")
            String description,

            @NotNull(message = "is required") Part.Kind kind,

            @BindParam("unit_of_measure")
            @NotBlank(message = "is required")
            @Size(max = 20, message = "must be at most 20 characters")
            String unitOfMeasure,

            @BindParam("unit_cost")
            @NotNull(message = "is required")
            @DecimalMin(value = "0", message = "must not be negative")
            @Quantity
            BigDecimal unitCost,

            @DecimalMin(value = "0", message = "must not be negative") @Quantity
            BigDecimal weight,

            @BindParam("lead_time_days") @Min(value = 0, message = "must not be negative")
            Integer leadTimeDays,

            @BindParam("minimum_order_quantity")
            @DecimalMin(value = "0", inclusive = false, message = "must be greater than zero")
            @Quantity
            BigDecimal minimumOrderQuantity,

            Boolean custom,

            @Size(max = 10000, message = "must be at most 10000 characters")
            String dimensions,

            @Size(max = 10000, message = "must be at most 10000 characters")
            String specifications,

            @NotNull(message = "is required") Part.Status status,
            @BindParam("category_id") UUID categoryId,
            Long version) {

        static PartForm blank() {
            return new PartForm(
                    "",
                    "",
                    "",
                    Part.Kind.COMPONENT,
                    "pcs",
                    BigDecimal.ZERO,
                    null,
                    null,
                    null,
                    false,
                    "",
                    "",
                    Part.Status.ACTIVE,
                    null,
                    null);
        }

        static PartForm of(Part p) {
            return new PartForm(
                    p.partNumber(),
                    p.name(),
                    p.description(),
                    p.kind(),
                    p.unitOfMeasure(),
                    p.unitCost(),
                    p.weight(),
                    p.leadTimeDays(),
                    p.minimumOrderQuantity(),
                    p.custom(),
                    p.dimensions(),
                    p.specifications(),
                    p.status(),
                    p.categoryId(),
                    p.version());
        }

        /** The form shows the whole part, so an empty optional field means none. */
        CatalogService.PartData data() {
            Set<String> cleared = new HashSet<>();
            if (weight == null) {
                cleared.add("weight");
            }
            if (categoryId == null) {
                cleared.add("category_id");
            }
            if (leadTimeDays == null) {
                cleared.add("lead_time_days");
            }
            if (minimumOrderQuantity == null) {
                cleared.add("minimum_order_quantity");
            }
            String dimensionsObject = jsonObject("dimensions", dimensions, cleared);
            String specificationsObject = jsonObject("specifications", specifications, cleared);
            return new CatalogService.PartData(
                    partNumber,
                    name,
                    description == null || description.isBlank() ? null : description,
                    kind,
                    unitOfMeasure,
                    unitCost,
                    weight,
                    dimensionsObject,
                    specificationsObject,
                    leadTimeDays,
                    minimumOrderQuantity,
                    Boolean.TRUE.equals(custom),
                    status,
                    categoryId,
                    description == null || description.isBlank() ? with(cleared, "description") : cleared);
        }
    }

    /** The field's JSON object as text; null, and marked cleared, when left empty; 422 for anything else. */
    static String jsonObject(String field, String text, Set<String> cleared) {
        if (text == null || text.isBlank()) {
            cleared.add(field);
            return null;
        }
        try {
            return JsonObjects.text(field, JsonObjects.read(text));
        } catch (JacksonException e) {
            throw new ValidationException(field, "must be a JSON object, such as {\"length_mm\": 40}");
        }
    }

    static Set<String> with(Set<String> set, String element) {
        set.add(element);
        return set;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('catalog:read')")
    String browser() {
        return "redirect:/app/catalog/parts";
    }

    @GetMapping("/parts")
    @PreAuthorize("hasAuthority('catalog:read')")
    String parts(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Part.Kind kind,
            @RequestParam(required = false) Part.Status status,
            @RequestParam(name = "category_id", required = false) UUID categoryId,
            @RequestParam(required = false) String cursor,
            HttpServletRequest request,
            Model model) {
        model.addAttribute("kinds", Part.Kind.values());
        model.addAttribute("statuses", Part.Status.values());
        categories(model);
        model.addAttribute("categoryId", categoryId);
        var filter = new CatalogBrowsing.PartFilter(q, kind, status, categoryId);
        return ListPages.of(request, model, "catalog/parts")
                .filter("q", q)
                .filter("kind", kind)
                .filter("status", status)
                .filter("category_id", categoryId)
                .show(
                        cursor,
                        page -> browsing.parts(
                                page.request(CatalogService.PART_SORTS.keySet(), "part_number"), filter));
    }

    @GetMapping("/products")
    @PreAuthorize("hasAuthority('catalog:read')")
    String products(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Product.Type type,
            @RequestParam(required = false) Product.Status status,
            @RequestParam(name = "category_id", required = false) UUID categoryId,
            @RequestParam(required = false) String cursor,
            HttpServletRequest request,
            Model model) {
        model.addAttribute("types", Product.Type.values());
        model.addAttribute("statuses", Product.Status.values());
        categories(model);
        model.addAttribute("categoryId", categoryId);
        var filter = new CatalogBrowsing.ProductFilter(q, type, status, categoryId);
        return ListPages.of(request, model, "catalog/products")
                .filter("q", q)
                .filter("type", type)
                .filter("status", status)
                .filter("category_id", categoryId)
                .show(
                        cursor,
                        page -> browsing.products(page.request(CatalogService.PRODUCT_SORTS.keySet(), "sku"), filter));
    }

    /** The parts export as a background job; its file is downloaded from the jobs page when it is written. */
    @PostMapping("/parts/export-jobs")
    @PreAuthorize("hasAuthority('catalog:read')")
    String exportPartsInBackground() {
        jobs.start(CatalogExport.PARTS_EXPORT_JOB, Map.of(), null);
        return "redirect:/app/jobs";
    }

    /** The same CSV as the API's export, for the signed-in user of the web UI. */
    @GetMapping("/parts/export")
    @PreAuthorize("hasAuthority('catalog:read')")
    void exportParts(HttpServletResponse response) throws IOException {
        csv(response, "parts.csv");
        export.parts(response.getWriter());
    }

    @GetMapping("/products/export")
    @PreAuthorize("hasAuthority('catalog:read')")
    void exportProducts(HttpServletResponse response) throws IOException {
        csv(response, "products.csv");
        export.products(response.getWriter());
    }

    private static void csv(HttpServletResponse response, String name) {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
    }

    /** Options for the component picker of the BOM editor: part numbers and SKUs matching what was typed. */
    @GetMapping("/components")
    @PreAuthorize("hasAuthority('catalog:read')")
    String components(@RequestParam(required = false) String component, Model model) {
        model.addAttribute("components", browsing.components(component, 20));
        return "catalog/fragments :: options";
    }

    // --- parts -----------------------------------------------------------------------------------------------

    @GetMapping("/parts/new")
    @PreAuthorize("hasAuthority('catalog:manage')")
    String newPart(Model model) {
        return partPage(model, PartForm.blank(), null);
    }

    @PostMapping("/parts")
    @PreAuthorize("hasAuthority('catalog:manage')")
    String createPart(@Valid PartForm form, BindingResult binding, Model model, RedirectAttributes flash) {
        PartForm shown = form == null ? PartForm.blank() : form;
        return Forms.save(form, binding, model, () -> partPage(model, shown, null), () -> {
            Part created = catalog.createPart(form.data());
            return Forms.notice(
                    flash, "Part " + created.partNumber() + " created.", "redirect:/app/catalog/parts/" + created.id());
        });
    }

    @GetMapping("/parts/{id}")
    @PreAuthorize("hasAuthority('catalog:read')")
    String part(@PathVariable UUID id, Model model) {
        return partPage(model, PartForm.of(catalog.part(id)), id);
    }

    @PostMapping("/parts/{id}")
    @PreAuthorize("hasAuthority('catalog:manage')")
    String changePart(
            @PathVariable UUID id, @Valid PartForm form, BindingResult binding, Model model, RedirectAttributes flash) {
        return Forms.save(
                form,
                binding,
                model,
                () -> form == null ? partPage(model, PartForm.of(catalog.part(id)), id) : partPage(model, form, id),
                () -> {
                    Part changed = catalog.changePart(id, ExpectedVersion.ofNullable(form.version()), form.data());
                    return Forms.notice(
                            flash, "Part " + changed.partNumber() + " saved.", "redirect:/app/catalog/parts/" + id);
                });
    }

    private String partPage(Model model, PartForm form, UUID id) {
        model.addAttribute("form", form);
        model.addAttribute("partId", id);
        model.addAttribute("heading", id == null ? "New part" : "Part " + form.partNumber());
        model.addAttribute("kinds", Part.Kind.values());
        model.addAttribute("statuses", Part.Status.values());
        model.addAttribute("categories", browsing.allCategories());
        if (id != null) {
            model.addAttribute("uses", boms.whereUsed(Bom.ComponentType.PART, id));
        }
        return "catalog/part";
    }

    private void categories(Model model) {
        List<Category> all = browsing.allCategories();
        Map<UUID, List<CategoryNode>> children = new LinkedHashMap<>();
        List<CategoryNode> roots = new ArrayList<>();
        Map<UUID, CategoryNode> nodes = new LinkedHashMap<>();
        all.forEach(
                c -> nodes.put(c.id(), new CategoryNode(c, children.computeIfAbsent(c.id(), k -> new ArrayList<>()))));
        all.forEach(c -> {
            CategoryNode node = nodes.get(c.id());
            if (c.parentId() == null || !nodes.containsKey(c.parentId())) {
                roots.add(node);
            } else {
                children.get(c.parentId()).add(node);
            }
        });
        model.addAttribute("categoryTree", roots);
        model.addAttribute("categories", all);
    }
}
