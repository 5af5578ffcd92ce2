package io.traveler.catalog.web;

import io.traveler.catalog.internal.Bom;
import io.traveler.catalog.internal.BomLines;
import io.traveler.catalog.internal.BomService;
import io.traveler.catalog.internal.CatalogBrowsing;
import io.traveler.catalog.internal.CatalogService;
import io.traveler.shared.Quantities;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.web.Forms;
import io.traveler.shared.web.PageController;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The editor of a DRAFT BOM's lines and the collapsible tree of a BOM's explosion with rolled-up cost and weight. */
@PageController
@RequestMapping("/app/catalog/boms/{id}")
class BomPages {
    private static final int MAX_LINES = 1000;

    private final BomService boms;
    private final CatalogService catalog;
    private final CatalogBrowsing browsing;

    BomPages(BomService boms, CatalogService catalog, CatalogBrowsing browsing) {
        this.boms = boms;
        this.catalog = catalog;
        this.browsing = browsing;
    }

    /** One line of the editor as typed: the component by its part number or SKU, the rest as text. */
    record LineRow(
            String component,
            String quantity,
            String unit,
            String wasteFactor,
            boolean optional,
            String substituteGroup,
            String preference,
            String notes,
            String stageName) {
        static LineRow blank() {
            return new LineRow("", "1", "", "0", false, "", "0", "", "");
        }
    }

    // --- editor ----------------------------------------------------------------------------------------------

    @GetMapping("/edit")
    @PreAuthorize("hasAuthority('catalog:manage')")
    String edit(@PathVariable UUID id, Model model) {
        var bom = boms.bom(id);
        Map<UUID, CatalogBrowsing.Component> components = browsing.components(
                bom.lines().stream().map(BomLines.Line::componentId).toList());
        List<LineRow> rows = bom.lines().stream()
                .map(l -> new LineRow(
                        Optional.ofNullable(components.get(l.componentId()))
                                .map(CatalogBrowsing.Component::number)
                                .orElse(""),
                        plain(l.quantity()),
                        Objects.toString(l.unit(), ""),
                        plain(l.wasteFactor()),
                        Boolean.TRUE.equals(l.optional()),
                        Objects.toString(l.substituteGroup(), ""),
                        Objects.toString(l.preference(), "0"),
                        Objects.toString(l.notes(), ""),
                        Objects.toString(l.stageName(), "")))
                .collect(Collectors.toCollection(ArrayList::new));
        return editor(model, bom.bom(), rows, bom.bom().version());
    }

    /**
     * One form for the whole draft: "Add line" and "Remove" redraw it with what was typed, "Save" replaces the
     * draft's lines if the draft is still the version the form was based on.
     */
    @PostMapping("/edit")
    @PreAuthorize("hasAuthority('catalog:manage')")
    String save(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "save") String action,
            @RequestParam(required = false) Long version,
            HttpServletRequest request,
            Model model,
            RedirectAttributes flash) {
        Bom bom = boms.bom(id).bom();
        List<LineRow> rows = rowsOf(request);
        if (action.equals("add")) {
            rows.add(LineRow.blank());
            return editor(model, bom, rows, version);
        }
        if (action.startsWith("remove:")) {
            int index = Integer.parseInt(action.substring("remove:".length()));
            if (index >= 0 && index < rows.size()) {
                rows.remove(index);
            }
            return editor(model, bom, rows, version);
        }
        return Forms.submit(
                model,
                () -> {
                    boms.replaceLines(id, ExpectedVersion.ofNullable(version), lines(rows));
                    return Forms.notice(flash, "Draft saved.", "redirect:/app/catalog/products/" + bom.productId());
                },
                () -> {
                    renameLineErrors(model);
                    return editor(model, bom, rows, version);
                });
    }

    private String editor(Model model, Bom bom, List<LineRow> rows, Long version) {
        model.addAttribute("bom", bom);
        model.addAttribute("product", catalog.product(bom.productId()));
        model.addAttribute("rows", rows);
        model.addAttribute("version", version);
        return "catalog/bom-editor";
    }

    private static List<LineRow> rowsOf(HttpServletRequest request) {
        String[] components = values(request, "component");
        List<LineRow> rows = new ArrayList<>();
        for (int i = 0; i < Math.min(components.length, MAX_LINES); i++) {
            rows.add(new LineRow(
                    components[i].trim(),
                    at(request, "quantity", i),
                    at(request, "unit", i),
                    at(request, "waste_factor", i),
                    "true".equals(at(request, "optional", i)),
                    at(request, "substitute_group", i),
                    at(request, "preference", i),
                    at(request, "notes", i),
                    at(request, "stage_name", i)));
        }
        return rows;
    }

    /** Every row's fields, refusing all that are wrong at once under the row's field names. */
    private List<BomLines.Line> lines(List<LineRow> rows) {
        List<ValidationException.FieldError> errors = new ArrayList<>();
        List<BomLines.Line> lines = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            LineRow row = rows.get(i);
            String at = "lines[" + i + "].";
            Optional<CatalogBrowsing.Component> component =
                    row.component().isBlank() ? Optional.empty() : browsing.component(row.component());
            if (component.isEmpty()) {
                errors.add(new ValidationException.FieldError(
                        at + "component",
                        row.component().isBlank()
                                ? "is required"
                                : "is neither a part number nor a SKU of this organization"));
            }
            BigDecimal quantity = decimal(row.quantity(), at + "quantity", true, errors);
            BigDecimal waste = decimal(row.wasteFactor(), at + "waste_factor", false, errors);
            Integer preference = null;
            try {
                preference = row.preference().isBlank()
                        ? 0
                        : Integer.valueOf(row.preference().trim());
            } catch (NumberFormatException e) {
                errors.add(new ValidationException.FieldError(at + "preference", "must be a whole number"));
            }
            if (row.unit().length() > 20) {
                errors.add(new ValidationException.FieldError(at + "unit", "must be at most 20 characters"));
            }
            if (row.substituteGroup().length() > 100) {
                errors.add(
                        new ValidationException.FieldError(at + "substitute_group", "must be at most 100 characters"));
            }
            if (row.stageName().length() > 100) {
                errors.add(new ValidationException.FieldError(at + "stage_name", "must be at most 100 characters"));
            }
            if (row.notes().length() > 2000) {
                errors.add(new ValidationException.FieldError(at + "notes", "must be at most 2000 characters"));
            }
            if (component.isPresent() && quantity != null && waste != null && preference != null) {
                lines.add(new BomLines.Line(
                        component.get().type(),
                        component.get().id(),
                        quantity,
                        blankToNull(row.unit()),
                        waste,
                        row.optional(),
                        blankToNull(row.substituteGroup()),
                        preference,
                        blankToNull(row.notes()),
                        blankToNull(row.stageName())));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return lines;
    }

    /** The service names a line's component {@code component_id}; the form's field is {@code component}. */
    @SuppressWarnings("unchecked")
    private static void renameLineErrors(Model model) {
        if (model.getAttribute(Forms.FIELD_ERRORS) instanceof Map<?, ?> errors) {
            Map<String, String> renamed = new LinkedHashMap<>();
            ((Map<String, String>) errors)
                    .forEach((field, message) -> renamed.put(field.replace(".component_id", ".component"), message));
            model.addAttribute(Forms.FIELD_ERRORS, renamed);
            model.addAttribute(
                    Forms.ERROR_LIST,
                    renamed.entrySet().stream()
                            .map(e -> new Forms.FieldProblem(e.getKey(), label(e.getKey()), e.getValue()))
                            .toList());
        }
    }

    /** "lines[2].waste_factor" → "Line 3 waste factor". */
    private static String label(String field) {
        if (!field.startsWith("lines[")) {
            return field;
        }
        int close = field.indexOf(']');
        int line = Integer.parseInt(field.substring("lines[".length(), close)) + 1;
        String rest = field.substring(close + 1).replaceFirst("^\\.", "").replace('_', ' ');
        return "Line " + line + (rest.isEmpty() ? "" : " " + rest);
    }

    // --- tree ------------------------------------------------------------------------------------------------

    /**
     * A line of the explosion with the lines below it. A product's cost and weight are those of its lines; a
     * substitute hangs under the line it may replace and does not count towards the roll-up.
     */
    static final class Node {
        final BomService.ExplodedLine line;
        final List<Node> children = new ArrayList<>();
        final List<Node> substitutes = new ArrayList<>();

        Node(BomService.ExplodedLine line) {
            this.line = line;
        }

        public BomService.ExplodedLine getLine() {
            return line;
        }

        public List<Node> getChildren() {
            return children;
        }

        public List<Node> getSubstitutes() {
            return substitutes;
        }

        public String getSubstituteGroup() {
            return line.substituteGroup();
        }

        /** Opens to lines below it: a sub-assembly's own lines or a primary's substitutes. */
        public boolean isBranch() {
            return isAssembly() || !substitutes.isEmpty();
        }

        public boolean isAssembly() {
            return line.componentType() == Bom.ComponentType.PRODUCT;
        }

        public BigDecimal getCost() {
            return isAssembly() ? sum(children, Node::getCost) : line.extendedCost();
        }

        public BigDecimal getWeight() {
            return isAssembly() ? sum(children, Node::getWeight) : line.weight();
        }

        public String getQuantity() {
            return plain(line.quantity());
        }

        public String getExtendedQuantity() {
            return plain(line.extendedQuantity());
        }

        public String getCostText() {
            return money(getCost());
        }

        public String getWeightText() {
            return plain(getWeight());
        }

        public String getUnitCostText() {
            return money(line.unitCost());
        }
    }

    record Tree(List<Node> lines) {
        public String getCost() {
            return money(sum(lines, Node::getCost));
        }

        public String getWeight() {
            return plain(sum(lines, Node::getWeight));
        }
    }

    @GetMapping
    @PreAuthorize("hasAuthority('catalog:read')")
    String tree(
            @PathVariable UUID id,
            @RequestParam(required = false) String quantity,
            HttpServletRequest request,
            Model model) {
        var bom = boms.bom(id).bom();
        String[] optional = values(request, "include_optional");
        boolean includeOptional = optional.length == 0 || List.of(optional).contains("true");
        model.addAttribute("bom", bom);
        model.addAttribute("product", catalog.product(bom.productId()));
        model.addAttribute("quantity", quantity == null ? "1" : quantity);
        model.addAttribute("includeOptional", includeOptional);
        try {
            BigDecimal ordered =
                    quantity == null || quantity.isBlank() ? BigDecimal.ONE : Quantities.parse("quantity", quantity);
            if (ordered.signum() <= 0) {
                throw new ValidationException("quantity", "must be a number greater than zero");
            }
            model.addAttribute("tree", treeOf(boms.explode(id, ordered, includeOptional)));
        } catch (ValidationException e) {
            // a quantity out of bounds, or an explosion larger than the cap: said on the page, nothing exploded
            var refusal = e.errors().getFirst();
            model.addAttribute(Forms.ERROR, "The explosion cannot be shown: " + refusal.message() + ".");
            model.addAttribute(Forms.FIELD_ERRORS, Map.of("quantity", refusal.message()));
            model.addAttribute("tree", new Tree(List.of()));
        }
        return "catalog/bom-tree";
    }

    /**
     * The explosion as a tree: a line hangs under the line its path continues; a substitute, which the explosion
     * lists right after its primary, hangs under that primary.
     */
    static Tree treeOf(BomService.Explosion explosion) {
        Map<String, Node> byPath = new LinkedHashMap<>();
        List<Node> top = new ArrayList<>();
        Node primary = null;
        for (BomService.ExplodedLine l : explosion.lines()) {
            Node node = new Node(l);
            if (l.substitute() && primary != null) {
                primary.substitutes.add(node);
                continue;
            }
            primary = node;
            byPath.put(l.path(), node);
            int slash = l.path().lastIndexOf('/');
            if (slash < 0) {
                top.add(node);
            } else {
                byPath.get(l.path().substring(0, slash)).children.add(node);
            }
        }
        return new Tree(top);
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private static String[] values(HttpServletRequest request, String name) {
        String[] values = request.getParameterValues(name);
        return values == null ? new String[0] : values;
    }

    private static String at(HttpServletRequest request, String name, int index) {
        String[] values = values(request, name);
        return index < values.length ? values[index] : "";
    }

    private static BigDecimal decimal(
            String text, String field, boolean positive, List<ValidationException.FieldError> errors) {
        try {
            if (text.isBlank() && !positive) {
                return BigDecimal.ZERO;
            }
            BigDecimal value = Quantities.parse(field, text);
            if (!Quantities.bounded(value)) {
                errors.add(new ValidationException.FieldError(field, Quantities.BOUNDS));
                return null;
            }
            if (positive ? value.signum() <= 0 : value.signum() < 0) {
                errors.add(new ValidationException.FieldError(
                        field, positive ? "must be greater than zero" : "must not be negative"));
                return null;
            }
            return value;
        } catch (ValidationException e) {
            errors.addAll(e.errors());
            return null;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    static String plain(BigDecimal value) {
        return value == null ? "—" : value.stripTrailingZeros().toPlainString();
    }

    static String money(BigDecimal value) {
        return value == null
                ? "—"
                : value.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    /** The sum of the known values; none (shown as "—") when no line below has one, e.g. no weights at all. */
    private static BigDecimal sum(List<Node> nodes, java.util.function.Function<Node, BigDecimal> value) {
        return nodes.stream()
                .map(value)
                .filter(Objects::nonNull)
                .reduce(BigDecimal::add)
                .orElse(null);
    }
}
