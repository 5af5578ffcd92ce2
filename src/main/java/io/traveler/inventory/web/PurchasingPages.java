package io.traveler.inventory.web;

import io.traveler.accounts.Accounts;
import io.traveler.catalog.Catalog;
import io.traveler.inventory.internal.PurchaseOrder;
import io.traveler.inventory.internal.Purchasing;
import io.traveler.inventory.internal.Reordering;
import io.traveler.inventory.internal.Supplier;
import io.traveler.inventory.internal.SupplierPart;
import io.traveler.inventory.internal.SupplierService;
import io.traveler.shared.Quantities;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.PageRequest;
import io.traveler.shared.web.Forms;
import io.traveler.shared.web.ListPages;
import io.traveler.shared.web.PageController;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Purchasing's pages: suppliers and what they sell, purchase orders to them (list, page, form, receive form, PDF),
 * and the reorder dashboard, from which draft orders are made.
 */
@PageController
@RequestMapping("/app/inventory")
class PurchasingPages {
    /** Empty line rows a purchase order form offers beyond its lines. */
    static final int SPARE_LINES = 5;

    private final SupplierService suppliers;
    private final Purchasing purchasing;
    private final Reordering reordering;
    private final SupplierOrderViews views;
    private final Catalog catalog;
    private final Accounts accounts;

    PurchasingPages(
            SupplierService suppliers,
            Purchasing purchasing,
            Reordering reordering,
            SupplierOrderViews views,
            Catalog catalog,
            Accounts accounts) {
        this.suppliers = suppliers;
        this.purchasing = purchasing;
        this.reordering = reordering;
        this.views = views;
        this.catalog = catalog;
        this.accounts = accounts;
    }

    // --- suppliers ----------------------------------------------------------------------------------------------

    record SupplierForm(
            String code,
            String name,
            String email,
            String phone,
            String address,
            String currency,
            @BindParam("lead_time_days") Integer leadTimeDays,
            String notes,
            Boolean active,
            Long version) {
        static SupplierForm blank() {
            return new SupplierForm("", "", "", "", "", "EUR", null, "", true, null);
        }

        static SupplierForm of(Supplier s) {
            return new SupplierForm(
                    s.code(),
                    s.name(),
                    s.email(),
                    s.phone(),
                    s.address(),
                    s.currency(),
                    s.leadTimeDays(),
                    s.notes(),
                    s.active(),
                    s.version());
        }

        /** The form shows the whole supplier: an empty field clears it, an unticked box is inactive. */
        SupplierService.SupplierData data() {
            return new SupplierService.SupplierData(
                    code,
                    name,
                    email == null ? "" : email,
                    phone == null ? "" : phone,
                    address == null ? "" : address,
                    currency,
                    leadTimeDays,
                    notes == null ? "" : notes,
                    Boolean.TRUE.equals(active),
                    leadTimeDays == null ? Set.of("lead_time_days") : Set.of());
        }
    }

    @GetMapping("/suppliers")
    @PreAuthorize("hasAuthority('inventory:read')")
    String suppliers(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String cursor,
            HttpServletRequest request,
            Model model) {
        return ListPages.of(request, model, "inventory/suppliers")
                .filter("q", q)
                .show(cursor, page -> suppliers.list(page.request(SupplierService.SORTS.keySet(), "name"), q, null));
    }

    @GetMapping("/suppliers/new")
    @PreAuthorize("hasAuthority('inventory:manage')")
    String newSupplier(Model model) {
        return supplierForm(model, SupplierForm.blank(), null);
    }

    @PostMapping("/suppliers")
    @PreAuthorize("hasAuthority('inventory:manage')")
    String createSupplier(SupplierForm form, Model model, RedirectAttributes flash) {
        return Forms.submit(
                model,
                () -> {
                    Supplier created = suppliers.create(form.data());
                    return Forms.notice(
                            flash,
                            "Supplier " + created.name() + " created.",
                            "redirect:/app/inventory/suppliers/" + created.id());
                },
                () -> supplierForm(model, form, null));
    }

    @GetMapping("/suppliers/{id}")
    @PreAuthorize("hasAuthority('inventory:read')")
    String supplier(@PathVariable UUID id, Model model) {
        Supplier supplier = suppliers.supplier(id);
        List<SupplierPart> sold = suppliers.partsOf(id);
        model.addAttribute("supplier", supplier);
        model.addAttribute("sold", sold);
        model.addAttribute(
                "parts",
                sold.isEmpty()
                        ? Map.of()
                        : catalog.parts(sold.stream().map(SupplierPart::partId).toList()));
        model.addAttribute(
                "orders",
                views.all(purchasing
                        .list(
                                PageRequest.of(20, null, null, Purchasing.SORTS.keySet(), "-created_at"),
                                null,
                                null,
                                id,
                                null)
                        .items()));
        return "inventory/supplier";
    }

    @GetMapping("/suppliers/{id}/edit")
    @PreAuthorize("hasAuthority('inventory:manage')")
    String editSupplier(@PathVariable UUID id, Model model) {
        return supplierForm(model, SupplierForm.of(suppliers.supplier(id)), id);
    }

    @PostMapping("/suppliers/{id}")
    @PreAuthorize("hasAuthority('inventory:manage')")
    String changeSupplier(@PathVariable UUID id, SupplierForm form, Model model, RedirectAttributes flash) {
        return Forms.submit(
                model,
                () -> {
                    Supplier changed = suppliers.change(id, ExpectedVersion.ofNullable(form.version()), form.data());
                    return Forms.notice(
                            flash, "Supplier " + changed.name() + " saved.", "redirect:/app/inventory/suppliers/" + id);
                },
                () -> supplierForm(model, form, id));
    }

    @GetMapping("/suppliers/{id}/delete")
    @PreAuthorize("hasAuthority('inventory:manage')")
    String confirmDeleteSupplier(@PathVariable UUID id, Model model) {
        Supplier supplier = suppliers.supplier(id);
        return Forms.confirm(
                model,
                "Delete supplier " + supplier.name() + "?",
                "Only a supplier nothing was ordered or received from can be deleted; deactivate the others.",
                "/app/inventory/suppliers/" + id + "/delete",
                supplier.version(),
                "/app/inventory/suppliers/" + id);
    }

    @PostMapping("/suppliers/{id}/delete")
    @PreAuthorize("hasAuthority('inventory:manage')")
    String deleteSupplier(
            @PathVariable UUID id, @RequestParam(required = false) Long version, RedirectAttributes flash) {
        String back = "/app/inventory/suppliers";
        try {
            suppliers.delete(id, ExpectedVersion.ofNullable(version));
            flash.addFlashAttribute(Forms.NOTICE, "Supplier deleted.");
        } catch (RuntimeException e) {
            return Forms.act(flash, back + "/" + id, "", () -> {
                throw e;
            });
        }
        return "redirect:" + back;
    }

    private String supplierForm(Model model, SupplierForm form, UUID id) {
        model.addAttribute("form", form);
        model.addAttribute("supplierId", id);
        model.addAttribute("heading", id == null ? "New supplier" : "Edit supplier");
        return "inventory/supplier-form";
    }

    @PostMapping("/suppliers/{id}/parts")
    @PreAuthorize("hasAuthority('inventory:manage')")
    String addSupplierPart(
            @PathVariable UUID id,
            @RequestParam("part_number") String partNumber,
            @RequestParam(name = "supplier_sku", required = false) String supplierSku,
            @RequestParam("unit_price") String unitPrice,
            @RequestParam(name = "lead_time_days", required = false) String leadTimeDays,
            @RequestParam(name = "minimum_quantity", required = false) String minimumQuantity,
            @RequestParam(required = false) Boolean preferred,
            RedirectAttributes flash) {
        return Forms.act(
                flash,
                "/app/inventory/suppliers/" + id,
                "Part " + partNumber + " added.",
                () -> suppliers.addPart(
                        id,
                        new SupplierService.SupplierPartData(
                                partId("part_number", partNumber),
                                supplierSku,
                                Quantities.parse("unit_price", unitPrice),
                                days("lead_time_days", leadTimeDays),
                                blank(minimumQuantity) ? null : Quantities.parse("minimum_quantity", minimumQuantity),
                                Boolean.TRUE.equals(preferred),
                                Set.of())));
    }

    @PostMapping("/supplier-parts/{id}/delete")
    @PreAuthorize("hasAuthority('inventory:manage')")
    String deleteSupplierPart(
            @PathVariable UUID id, @RequestParam(required = false) Long version, RedirectAttributes flash) {
        SupplierPart entry = suppliers.supplierPart(id);
        return Forms.act(
                flash,
                "/app/inventory/suppliers/" + entry.supplierId(),
                "Part removed.",
                () -> suppliers.deletePart(id, ExpectedVersion.ofNullable(version)));
    }

    // --- purchase orders ----------------------------------------------------------------------------------------

    @GetMapping("/purchase-orders")
    @PreAuthorize("hasAuthority('inventory:read')")
    String orders(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) PurchaseOrder.Status status,
            @RequestParam(required = false) Boolean open,
            @RequestParam(required = false) String cursor,
            HttpServletRequest request,
            Model model) {
        model.addAttribute("statuses", PurchaseOrder.Status.values());
        return ListPages.of(request, model, "inventory/purchase-orders")
                .filter("q", q)
                .filter("status", status)
                .filter("open", open)
                .show(cursor, page -> {
                    var found = purchasing.list(
                            page.request(Purchasing.SORTS.keySet(), "-created_at"), q, status, null, open);
                    return new io.traveler.shared.paging.ItemList<>(views.all(found.items()), found.nextCursor());
                });
    }

    /** The order form: its lines as rows of part number, quantity and unit price (empty: the supplier's price). */
    record OrderForm(
            @BindParam("supplier_id") UUID supplierId,
            @BindParam("expected_on") LocalDate expectedOn,
            String notes,
            @BindParam("part_number") List<String> partNumbers,
            @BindParam("quantity") List<String> quantities,
            @BindParam("unit_price") List<String> unitPrices,
            Long version) {
        static OrderForm blank(UUID supplierId) {
            return new OrderForm(supplierId, null, "", List.of(), List.of(), List.of(), null);
        }

        String at(List<String> values, int i) {
            return values != null && i < values.size() && values.get(i) != null ? values.get(i) : "";
        }

        public int rows() {
            return (partNumbers == null ? 0 : partNumbers.size()) + SPARE_LINES;
        }

        public String partNumber(int i) {
            return at(partNumbers, i);
        }

        public String quantity(int i) {
            return at(quantities, i);
        }

        public String unitPrice(int i) {
            return at(unitPrices, i);
        }
    }

    @GetMapping("/purchase-orders/new")
    @PreAuthorize("hasAuthority('inventory:manage')")
    String newOrder(@RequestParam(name = "supplier_id", required = false) UUID supplierId, Model model) {
        return orderForm(model, OrderForm.blank(supplierId), null);
    }

    @PostMapping("/purchase-orders")
    @PreAuthorize("hasAuthority('inventory:manage')")
    String createOrder(OrderForm form, Model model, RedirectAttributes flash) {
        return Forms.submit(
                model,
                () -> {
                    var created = purchasing.create(new Purchasing.OrderData(
                            form.supplierId(), form.expectedOn(), form.notes(), lines(form), Set.of()));
                    return Forms.notice(
                            flash,
                            "Purchase order " + created.order().code() + " created.",
                            "redirect:/app/inventory/purchase-orders/"
                                    + created.order().id());
                },
                () -> orderForm(model, form, null));
    }

    @GetMapping("/purchase-orders/{id}")
    @PreAuthorize("hasAuthority('inventory:read')")
    String order(@PathVariable UUID id, Model model) {
        var order = purchasing.order(id);
        var receipts = purchasing.receipts(id);
        var view = views.of(order);
        model.addAttribute("order", view);
        model.addAttribute(
                "partNumbers",
                view.lines().stream()
                        .collect(Collectors.toMap(
                                SupplierOrderViews.LineView::partId,
                                l -> l.partNumber() == null ? "" : l.partNumber(),
                                (x, y) -> x)));
        model.addAttribute("version", order.order().version());
        model.addAttribute("receipts", receipts);
        model.addAttribute(
                "locationNames",
                receipts.isEmpty()
                        ? Map.of()
                        : accounts
                                .locations(receipts.stream()
                                        .map(Purchasing.ReceivedLot::locationId)
                                        .distinct()
                                        .toList())
                                .values()
                                .stream()
                                .collect(Collectors.toMap(Accounts.LocationRef::id, Accounts.LocationRef::path)));
        return "inventory/purchase-order";
    }

    @GetMapping("/purchase-orders/{id}/edit")
    @PreAuthorize("hasAuthority('inventory:manage')")
    String editOrder(@PathVariable UUID id, Model model) {
        var order = views.of(purchasing.order(id));
        var form = new OrderForm(
                order.supplierId(),
                order.expectedOn(),
                order.notes(),
                order.lines().stream()
                        .map(SupplierOrderViews.LineView::partNumber)
                        .toList(),
                order.lines().stream()
                        .map(l -> l.quantity().stripTrailingZeros().toPlainString())
                        .toList(),
                order.lines().stream()
                        .map(l -> l.unitPrice().stripTrailingZeros().toPlainString())
                        .toList(),
                purchasing.order(id).order().version());
        return orderForm(model, form, id);
    }

    @PostMapping("/purchase-orders/{id}")
    @PreAuthorize("hasAuthority('inventory:manage')")
    String changeOrder(@PathVariable UUID id, OrderForm form, Model model, RedirectAttributes flash) {
        return Forms.submit(
                model,
                () -> {
                    boolean draft = purchasing.order(id).order().status() == PurchaseOrder.Status.DRAFT;
                    var changed = purchasing.change(
                            id,
                            ExpectedVersion.ofNullable(form.version()),
                            new Purchasing.OrderData(
                                    draft ? form.supplierId() : null,
                                    form.expectedOn(),
                                    form.notes() == null ? "" : form.notes(),
                                    draft ? lines(form) : null,
                                    form.expectedOn() == null ? Set.of("expected_on") : Set.of()));
                    return Forms.notice(
                            flash,
                            "Purchase order " + changed.order().code() + " saved.",
                            "redirect:/app/inventory/purchase-orders/" + id);
                },
                () -> orderForm(model, form, id));
    }

    private String orderForm(Model model, OrderForm form, UUID id) {
        model.addAttribute("form", form);
        model.addAttribute("orderId", id);
        PurchaseOrder.Status status = id == null
                ? PurchaseOrder.Status.DRAFT
                : purchasing.order(id).order().status();
        model.addAttribute("draft", status == PurchaseOrder.Status.DRAFT);
        model.addAttribute("heading", id == null ? "New purchase order" : "Edit purchase order");
        model.addAttribute("suppliers", suppliers.active());
        return "inventory/purchase-order-form";
    }

    /** The rows with a part number; a row's position is its line's, so errors name the row the user sees. */
    private List<Purchasing.LineData> lines(OrderForm form) {
        List<Purchasing.LineData> lines = new ArrayList<>();
        int rows = form.partNumbers() == null ? 0 : form.partNumbers().size();
        long filled = form.partNumbers() == null
                ? 0
                : form.partNumbers().stream()
                        .filter(number -> number != null && !number.isBlank())
                        .count();
        if (filled > Purchasing.MAX_LINES) {
            // before a part number is looked up: each costs a query
            throw new ValidationException("lines", "must be at most " + Purchasing.MAX_LINES);
        }
        for (int i = 0; i < rows; i++) {
            String number = form.partNumber(i).strip();
            if (number.isEmpty()) {
                continue;
            }
            String field = "lines[" + lines.size() + "]";
            lines.add(new Purchasing.LineData(
                    partId(field + ".part_number", number),
                    Quantities.parse(field + ".quantity", form.quantity(i)),
                    blank(form.unitPrice(i)) ? null : Quantities.parse(field + ".unit_price", form.unitPrice(i)),
                    null,
                    null));
        }
        return lines;
    }

    @PostMapping("/purchase-orders/{id}/send")
    @PreAuthorize("hasAuthority('inventory:manage')")
    String send(@PathVariable UUID id, @RequestParam(required = false) Long version, RedirectAttributes flash) {
        return Forms.act(
                flash,
                "/app/inventory/purchase-orders/" + id,
                "Purchase order sent.",
                () -> purchasing.send(id, ExpectedVersion.ofNullable(version)));
    }

    @GetMapping("/purchase-orders/{id}/cancel")
    @PreAuthorize("hasAuthority('inventory:manage')")
    String confirmCancel(@PathVariable UUID id, Model model) {
        var order = purchasing.order(id).order();
        model.addAttribute("confirm", "Cancel order");
        return Forms.confirm(
                model,
                "Cancel purchase order " + order.code() + "?",
                "Nothing more will be received against it; what was received stays in stock.",
                "/app/inventory/purchase-orders/" + id + "/cancel",
                order.version(),
                "/app/inventory/purchase-orders/" + id);
    }

    @PostMapping("/purchase-orders/{id}/cancel")
    @PreAuthorize("hasAuthority('inventory:manage')")
    String cancel(@PathVariable UUID id, @RequestParam(required = false) Long version, RedirectAttributes flash) {
        return Forms.act(
                flash,
                "/app/inventory/purchase-orders/" + id,
                "Purchase order cancelled.",
                () -> purchasing.cancel(id, ExpectedVersion.ofNullable(version)));
    }

    @GetMapping("/purchase-orders/{id}/delete")
    @PreAuthorize("hasAuthority('inventory:manage')")
    String confirmDeleteOrder(@PathVariable UUID id, Model model) {
        var order = purchasing.order(id).order();
        return Forms.confirm(
                model,
                "Delete draft " + order.code() + "?",
                "The draft and its lines are removed. This cannot be undone.",
                "/app/inventory/purchase-orders/" + id + "/delete",
                order.version(),
                "/app/inventory/purchase-orders/" + id);
    }

    @PostMapping("/purchase-orders/{id}/delete")
    @PreAuthorize("hasAuthority('inventory:manage')")
    String deleteOrder(@PathVariable UUID id, @RequestParam(required = false) Long version, RedirectAttributes flash) {
        try {
            purchasing.delete(id, ExpectedVersion.ofNullable(version));
        } catch (RuntimeException e) {
            return Forms.act(flash, "/app/inventory/purchase-orders/" + id, "", () -> {
                throw e;
            });
        }
        return Forms.notice(flash, "Draft deleted.", "redirect:/app/inventory/purchase-orders");
    }

    @GetMapping(path = "/purchase-orders/{id}/pdf", produces = PurchaseOrdersController.PDF)
    @PreAuthorize("hasAuthority('inventory:read')")
    void pdf(@PathVariable UUID id, HttpServletResponse response) throws IOException {
        PurchaseOrdersController.pdf(purchasing.sheet(id), response);
    }

    /** The receive form: a row per line still expected, its outstanding quantity offered. */
    record ReceiveForm(
            @BindParam("location_id") UUID locationId,
            @BindParam("line_id") List<UUID> lineIds,
            @BindParam("quantity") List<String> quantities,
            @BindParam("lot_number") List<String> lotNumbers,
            @BindParam("expires_on") List<String> expiries,
            Long version) {
        String at(List<String> values, int i) {
            return values != null && i < values.size() && values.get(i) != null ? values.get(i) : "";
        }

        public String quantityOf(UUID lineId) {
            int i = lineIds == null ? -1 : lineIds.indexOf(lineId);
            return i < 0 ? null : at(quantities, i);
        }

        public String lotNumberOf(UUID lineId) {
            int i = lineIds == null ? -1 : lineIds.indexOf(lineId);
            return i < 0 ? "" : at(lotNumbers, i);
        }

        public String expiresOnOf(UUID lineId) {
            int i = lineIds == null ? -1 : lineIds.indexOf(lineId);
            return i < 0 ? "" : at(expiries, i);
        }
    }

    @GetMapping("/purchase-orders/{id}/receive")
    @PreAuthorize("hasAuthority('inventory:move')")
    String receiveForm(@PathVariable UUID id, Model model) {
        var order = purchasing.order(id);
        return receivePage(
                model,
                id,
                new ReceiveForm(
                        null,
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        order.order().version()));
    }

    @PostMapping("/purchase-orders/{id}/receive")
    @PreAuthorize("hasAuthority('inventory:move')")
    String receive(@PathVariable UUID id, ReceiveForm form, Model model, RedirectAttributes flash) {
        return Forms.submit(
                model,
                () -> {
                    List<Purchasing.ReceiptLine> lines = new ArrayList<>();
                    int rows = form.lineIds() == null ? 0 : form.lineIds().size();
                    for (int i = 0; i < rows; i++) {
                        String quantity = form.at(form.quantities(), i).strip();
                        if (quantity.isEmpty() || quantity.matches("0*(\\.0*)?")) {
                            continue;
                        }
                        String field = "lines[" + lines.size() + "]";
                        String lot = form.at(form.lotNumbers(), i).strip();
                        lines.add(new Purchasing.ReceiptLine(
                                form.lineIds().get(i),
                                Quantities.parse(field + ".quantity", quantity),
                                form.locationId(),
                                lot.isEmpty() ? null : lot,
                                date(field + ".expires_on", form.at(form.expiries(), i))));
                    }
                    if (form.locationId() == null) {
                        throw new ValidationException("location_id", "is required");
                    }
                    var receipt = purchasing.receive(id, ExpectedVersion.ofNullable(form.version()), lines);
                    flash.addFlashAttribute(
                            Forms.NOTICE,
                            receipt.received().size() + " line(s) received into stock; the order is now "
                                    + receipt.order()
                                            .order()
                                            .status()
                                            .name()
                                            .toLowerCase()
                                            .replace('_', ' ') + ".");
                    return "redirect:/app/inventory/purchase-orders/" + id;
                },
                () -> receivePage(model, id, form));
    }

    private String receivePage(Model model, UUID id, ReceiveForm form) {
        model.addAttribute("order", views.of(purchasing.order(id)));
        model.addAttribute("form", form);
        model.addAttribute("locations", accounts.allLocations());
        return "inventory/purchase-order-receive";
    }

    // --- reorder ------------------------------------------------------------------------------------------------

    @GetMapping("/reorder")
    @PreAuthorize("hasAuthority('inventory:read')")
    String reorder(@RequestParam(required = false) String cursor, HttpServletRequest request, Model model) {
        return ListPages.of(request, model, "inventory/reorder")
                .show(
                        cursor,
                        page -> reordering.suggestions(PageRequest.of(page.size(), page.cursor(), null, Set.of(), "")));
    }

    @PostMapping("/reorder/settings")
    @PreAuthorize("hasAuthority('inventory:manage')")
    String setReorder(
            @RequestParam("part_number") String partNumber,
            @RequestParam(name = "reorder_point", required = false) String point,
            @RequestParam(name = "reorder_quantity", required = false) String quantity,
            RedirectAttributes flash) {
        return Forms.act(
                flash,
                "/app/inventory/reorder",
                "Reorder settings of " + partNumber + " saved.",
                () -> reordering.set(
                        partId("part_number", partNumber),
                        ExpectedVersion.any(),
                        blank(point) ? null : Quantities.parse("reorder_point", point),
                        blank(quantity) ? null : Quantities.parse("reorder_quantity", quantity)));
    }

    @PostMapping("/reorder/purchase-orders")
    @PreAuthorize("hasAuthority('inventory:manage')")
    String draftOrders(@RequestParam(name = "part_id", required = false) List<UUID> partIds, RedirectAttributes flash) {
        if (partIds == null || partIds.isEmpty()) {
            flash.addFlashAttribute(Forms.ERROR, "Tick the parts to order first.");
            return "redirect:/app/inventory/reorder";
        }
        var drafted = new Reordering.Drafted[1];
        String back =
                Forms.act(flash, "/app/inventory/reorder", "", () -> drafted[0] = reordering.draftOrders(partIds));
        if (drafted[0] != null) {
            flash.addFlashAttribute(
                    Forms.NOTICE,
                    drafted[0].orders().size() + " draft purchase order(s) created"
                            + (drafted[0].withoutSupplier().isEmpty()
                                    ? "."
                                    : "; " + drafted[0].withoutSupplier().size()
                                            + " part(s) have no supplier and were left out."));
            if (drafted[0].orders().size() == 1) {
                return "redirect:/app/inventory/purchase-orders/"
                        + drafted[0].orders().getFirst().order().id();
            }
            return "redirect:/app/inventory/purchase-orders?status=DRAFT";
        }
        return back;
    }

    // --- parsing ------------------------------------------------------------------------------------------------

    private UUID partId(String field, String number) {
        if (number == null || number.isBlank()) {
            throw new ValidationException(field, "is required");
        }
        return catalog.partByNumber(number.strip())
                .map(Catalog.PartRef::id)
                .orElseThrow(() -> new ValidationException(field, "is not a part number of this organization"));
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static Integer days(String field, String text) {
        if (blank(text)) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw new ValidationException(field, "must be a whole number of days");
        }
    }

    private static LocalDate date(String field, String text) {
        if (blank(text)) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, "must be a date (YYYY-MM-DD)");
        }
    }

    static BigDecimal zeroIfNull(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
