package io.traveler.orders.web;

import io.traveler.accounts.Accounts;
import io.traveler.catalog.Catalog;
import io.traveler.customers.CustomerStandings;
import io.traveler.orders.OrderPhase;
import io.traveler.orders.internal.ConfigurationGate;
import io.traveler.orders.internal.Order;
import io.traveler.orders.internal.OrderBoard;
import io.traveler.orders.internal.OrderQueries;
import io.traveler.orders.internal.OrderService;
import io.traveler.orders.internal.PhaseChange;
import io.traveler.orders.internal.PhaseTable;
import io.traveler.orders.internal.PhaseTransitions;
import io.traveler.projects.Projects;
import io.traveler.settings.OrganizationSettings;
import io.traveler.shared.ActorNames;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.TravelerException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.PageRequest;
import io.traveler.shared.security.TravelerAuthentication;
import io.traveler.shared.web.Forms;
import io.traveler.shared.web.Htmx;
import io.traveler.shared.web.ListPages;
import io.traveler.shared.web.PageController;
import io.traveler.shared.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.format.annotation.DateTimeFormat;
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

/**
 * Orders in the web UI: the board (a column per phase; moving a card moves the order, or says why it may not) and
 * an order's page (its lines and totals, its phase timeline and the moves it may take). The owner sees its
 * internal notes; the brand of a purchase order sees the order without them.
 */
@PageController
@RequestMapping("/app/orders")
class OrderPages {
    /** A purchase order's lines are the brand's; the factory changes none of them. */
    private static final Set<OrderPhase> LINES_OPEN = Set.of(OrderPhase.DRAFT, OrderPhase.CONFIGURATION);

    /** Readable names of the phases, in table order, for columns, buttons and tags. */
    static final Map<OrderPhase, String> LABELS = labels();

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    /** Products and variants a form offers at most; customers likewise. */
    static final int CHOICES = 500;

    /** Empty line rows the new-order form offers. */
    static final int FORM_LINES = 5;

    private final OrderBoard board;
    private final OrderQueries queries;
    private final OrderService service;
    private final PhaseTransitions transitions;
    private final ActorNames actors;
    private final OrganizationSettings settings;
    private final CustomerStandings customers;
    private final Catalog catalog;
    private final Accounts accounts;
    private final OrganizationKind kind;
    private final Projects projects;
    private final ConfigurationGate configurations;

    OrderPages(
            OrderBoard board,
            OrderQueries queries,
            OrderService service,
            PhaseTransitions transitions,
            ActorNames actors,
            OrganizationSettings settings,
            CustomerStandings customers,
            Catalog catalog,
            Accounts accounts,
            OrganizationKind kind,
            Projects projects,
            ConfigurationGate configurations) {
        this.board = board;
        this.queries = queries;
        this.service = service;
        this.transitions = transitions;
        this.actors = actors;
        this.settings = settings;
        this.customers = customers;
        this.catalog = catalog;
        this.accounts = accounts;
        this.kind = kind;
        this.projects = projects;
        this.configurations = configurations;
    }

    /**
     * The new-order form. Rows whose product is left empty are ignored; quantities and prices are typed as text so
     * that what was typed comes back with the reason when the server refuses it.
     */
    record OrderForm(
            @BindParam("customer_id") UUID customerId,
            @BindParam("factory_org_id") UUID factoryOrgId,
            Order.Priority priority,
            Order.Type type,

            @BindParam("requested_on") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
            LocalDate requestedOn,

            @BindParam("special_instructions") @Size(max = 4000, message = "must be at most 4000 characters")
            String specialInstructions,

            List<String> item,
            List<String> quantity,
            @BindParam("unit_price") List<String> unitPrice) {

        static OrderForm blank() {
            return new OrderForm(
                    null, null, Order.Priority.NORMAL, Order.Type.STANDARD, null, "", List.of(), List.of(), List.of());
        }

        public String itemAt(int i) {
            return at(item, i);
        }

        public String quantityAt(int i) {
            return at(quantity, i);
        }

        public String unitPriceAt(int i) {
            return at(unitPrice, i);
        }

        /** The rows that name a product, in order; a quantity or price that is not a number is 422 on "lines". */
        List<OrderService.NewLine> lines() {
            List<OrderService.NewLine> lines = new ArrayList<>();
            for (int i = 0; item != null && i < item.size(); i++) {
                String ref = at(item, i);
                if (ref == null || ref.isBlank()) {
                    continue;
                }
                lines.add(line(i + 1, ref, quantityAt(i), unitPriceAt(i)));
            }
            return lines;
        }

        private static String at(List<String> values, int i) {
            return values == null || i >= values.size() ? null : values.get(i);
        }
    }

    /** A line of line {@code no}: "product" or "product:variant", a quantity and an optional unit price. */
    static OrderService.NewLine line(int no, String ref, String quantity, String unitPrice) {
        String[] ids = ref.strip().split(":");
        try {
            UUID product = UUID.fromString(ids[0]);
            UUID variant = ids.length > 1 ? UUID.fromString(ids[1]) : null;
            return new OrderService.NewLine(product, variant, number(no, "quantity", quantity), price(no, unitPrice));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("lines", "line " + no + " names no product of the catalog");
        }
    }

    private static BigDecimal number(int no, String what, String text) {
        if (text == null || text.isBlank()) {
            throw new ValidationException("lines", "line " + no + ": the " + what + " is required");
        }
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new ValidationException("lines", "line " + no + ": the " + what + " is not a number");
        }
    }

    private static BigDecimal price(int no, String text) {
        return text == null || text.isBlank() ? null : number(no, "unit price", text);
    }

    /** A card with the phases its order may move to from the board (cancelling asks for a reason elsewhere). */
    record CardView(OrderBoard.Card card, List<OrderPhase> targets) {}

    record ColumnView(OrderPhase phase, long count, List<CardView> cards) {}

    /** One entry of the timeline: the move, who made it, why, and how long the order had spent in the phase left. */
    record Step(String when, OrderPhase from, OrderPhase to, String actor, String reason, String spent) {}

    // --- list and new order ------------------------------------------------------------------------------------

    @GetMapping
    @PreAuthorize("hasAuthority('orders:read')")
    String list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) OrderPhase phase,
            @RequestParam(required = false) Order.Priority priority,
            @RequestParam(name = "customer_id", required = false) UUID customerId,
            @RequestParam(name = "ordered_from", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    LocalDate orderedFrom,
            @RequestParam(name = "ordered_to", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    LocalDate orderedTo,
            @RequestParam(required = false) String cursor,
            HttpServletRequest request,
            Model model) {
        model.addAttribute("labels", LABELS);
        model.addAttribute("phases", OrderPhase.values());
        model.addAttribute("priorities", Order.Priority.values());
        model.addAttribute("customers", customers.choices(CHOICES));
        var filter = new OrderQueries.OrderFilter(
                phase, priority, customerId, null, null, null, orderedFrom, orderedTo, blankToNull(q));
        return ListPages.of(request, model, "orders/orders")
                .filter("q", q)
                .filter("phase", phase)
                .filter("priority", priority)
                .filter("customer_id", customerId)
                .filter("ordered_from", orderedFrom)
                .filter("ordered_to", orderedTo)
                .show(
                        cursor,
                        page -> queries.list(
                                filter,
                                PageRequest.of(
                                        page.size(),
                                        page.cursor(),
                                        "-ordered_on",
                                        OrderQueries.SORTS.keySet(),
                                        OrderQueries.DEFAULT_SORT)));
    }

    @GetMapping("/new")
    @PreAuthorize("hasAuthority('orders:write')")
    String newOrder(Model model) {
        return orderForm(model, OrderForm.blank());
    }

    /** Places the order (a purchase order to the chosen factory, for a brand); the server prices every line. */
    @PostMapping
    @PreAuthorize("hasAuthority('orders:write')")
    String create(@Valid OrderForm form, BindingResult binding, Model model, RedirectAttributes flash) {
        return Forms.save(form, binding, model, () -> orderForm(model, form), () -> {
            Order placed = kind.isBrand()
                    ? service.placePurchaseOrder(new OrderService.NewPurchaseOrder(
                            form.factoryOrgId(),
                            form.type(),
                            form.priority(),
                            form.requestedOn(),
                            blankToNull(form.specialInstructions()),
                            form.lines()))
                    : service.place(new OrderService.NewOrder(
                            form.customerId(),
                            form.type(),
                            form.priority(),
                            null,
                            form.requestedOn(),
                            null,
                            null,
                            blankToNull(form.specialInstructions()),
                            null,
                            null,
                            null,
                            null,
                            null,
                            form.lines()));
            return Forms.notice(flash, placed.code() + " created.", "redirect:/app/orders/" + placed.id());
        });
    }

    private String orderForm(Model model, OrderForm form) {
        boolean brand = kind.isBrand();
        model.addAttribute("form", form);
        model.addAttribute("brand", brand);
        model.addAttribute("heading", brand ? "New purchase order" : "New order");
        model.addAttribute(
                "rows",
                Math.max(FORM_LINES, form.item() == null ? 0 : form.item().size()));
        model.addAttribute("priorities", Order.Priority.values());
        model.addAttribute("types", Order.Type.values());
        model.addAttribute("sellables", catalog.offeredSellables(CHOICES));
        if (brand) {
            model.addAttribute("factories", accounts.activeFactories());
        } else {
            model.addAttribute("customers", customers.choices(CHOICES));
        }
        return "orders/order-form";
    }

    // --- an order's lines, notes and deletion ------------------------------------------------------------------

    @PostMapping("/{id}/lines")
    @PreAuthorize("hasAuthority('orders:write')")
    String addLine(
            @PathVariable UUID id,
            @RequestParam(required = false) String item,
            @RequestParam(required = false) String quantity,
            @RequestParam(name = "unit_price", required = false) String unitPrice,
            RedirectAttributes flash) {
        return Forms.act(flash, "/app/orders/" + id, "Line added.", () -> {
            if (item == null || item.isBlank()) {
                throw new ValidationException("item", "is required");
            }
            service.addLine(id, line(1, item, quantity, unitPrice));
        });
    }

    @PostMapping("/{id}/lines/{lineId}/delete")
    @PreAuthorize("hasAuthority('orders:write')")
    String removeLine(
            @PathVariable UUID id,
            @PathVariable UUID lineId,
            @RequestParam(required = false) Long version,
            RedirectAttributes flash) {
        return Forms.act(
                flash,
                "/app/orders/" + id,
                "Line removed.",
                () -> service.removeLine(id, lineId, ExpectedVersion.ofNullable(version)));
    }

    /** The owner's internal notes; an empty text clears them. */
    @PostMapping("/{id}/notes")
    @PreAuthorize("hasAuthority('orders:write')")
    String notes(
            @PathVariable UUID id,
            @RequestParam(name = "internal_notes", required = false) String notes,
            @RequestParam(required = false) Long version,
            RedirectAttributes flash) {
        String text = blankToNull(notes);
        var details = new OrderService.OrderDetails(
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                text,
                null,
                text == null ? Set.of("internal_notes") : Set.of());
        return Forms.act(
                flash,
                "/app/orders/" + id,
                "Internal notes saved.",
                () -> service.changeDetails(id, details, ExpectedVersion.ofNullable(version)));
    }

    @GetMapping("/{id}/delete")
    @PreAuthorize("hasAuthority('orders:write')")
    String confirmDelete(@PathVariable UUID id, Model model) {
        Order order = queries.find(id).order();
        return Forms.confirm(
                model,
                "Delete " + order.code() + "?",
                "Only a draft can be deleted; its lines and history go with it. This cannot be undone.",
                "/app/orders/" + id + "/delete",
                order.version(),
                "/app/orders/" + id);
    }

    @PostMapping("/{id}/delete")
    @PreAuthorize("hasAuthority('orders:write')")
    String delete(@PathVariable UUID id, @RequestParam(required = false) Long version, RedirectAttributes flash) {
        return Forms.act(
                flash, "/app/orders", "Order deleted.", () -> service.delete(id, ExpectedVersion.ofNullable(version)));
    }

    // --- board -------------------------------------------------------------------------------------------------

    @GetMapping("/board")
    @PreAuthorize("hasAuthority('orders:read')")
    String board(Model model) {
        return boardView(model, "orders/board");
    }

    /**
     * Moves an order. The board posts with htmx and gets the board back: the card in its new column, or, with the
     * refusal's status (409, 422), the reason shown above the columns. Without htmx, and from the order's page, the
     * answer is a redirect with a notice or the reason.
     */
    @PostMapping("/{id}/transition")
    @PreAuthorize("hasAuthority('orders:transition')")
    String transition(
            @PathVariable UUID id,
            @RequestParam(name = "to_phase", required = false) String toPhase,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String from,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            RedirectAttributes flash) {
        if (Htmx.wantsFragment(request) && "board".equals(request.getHeader("HX-Target"))) {
            try {
                Order moved = move(id, toPhase, reason);
                model.addAttribute("moved", moved.code() + " moved to " + LABELS.get(moved.phase()) + ".");
            } catch (TravelerException refused) {
                if (refused instanceof NotFoundException) {
                    throw refused;
                }
                response.setStatus(Problems.answerTo(refused).status().value());
                model.addAttribute("refusal", reasonOf(refused));
            }
            return boardView(model, "orders/board :: board");
        }
        String back = "board".equals(from) ? "/app/orders/board" : "/app/orders/" + id;
        return Forms.act(flash, back, "Order moved.", () -> move(id, toPhase, reason));
    }

    private Order move(UUID id, String toPhase, String reason) {
        return transitions.transition(id, phase(toPhase), blankToNull(reason), ExpectedVersion.none());
    }

    private String boardView(Model model, String view) {
        model.addAttribute("labels", LABELS);
        PhaseTable table = board.table();
        model.addAttribute(
                "columns",
                board.columns().stream()
                        .map(column -> new ColumnView(
                                column.phase(),
                                column.count(),
                                column.cards().stream()
                                        .map(card -> new CardView(card, boardTargets(table, card)))
                                        .toList()))
                        .toList());
        return view;
    }

    private List<OrderPhase> boardTargets(PhaseTable table, OrderBoard.Card card) {
        return table.targets(card.phase(), card.heldFrom(), card.purchaseOrder()).stream()
                .filter(phase -> phase != OrderPhase.CANCELLED)
                .sorted()
                .toList();
    }

    // --- an order ------------------------------------------------------------------------------------------------

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('orders:read')")
    String order(@PathVariable UUID id, Model model) {
        OrderQueries.OrderView view = queries.find(id);
        Order order = view.order();
        boolean owner = view.ownedByCaller();
        ZoneId zone = zone();
        List<PhaseChange> changes = transitions.history(id);
        Map<UUID, String> names = actors.namesOf(changes.stream()
                .map(PhaseChange::actorId)
                .filter(Objects::nonNull)
                .collect(Collectors.toSet()));
        model.addAttribute("order", order);
        model.addAttribute("owner", owner);
        model.addAttribute("labels", LABELS);
        model.addAttribute("lines", view.lines());
        model.addAttribute(
                "internalNotes",
                view.internals() == null ? null : view.internals().internalNotes());
        boolean linesOpen = owner && LINES_OPEN.contains(order.phase()) && !order.isPurchaseOrder();
        model.addAttribute(
                "linesOpen",
                linesOpen && TravelerAuthentication.current().orElseThrow().can("orders:write"));
        model.addAttribute("sellables", linesOpen ? catalog.offeredSellables(CHOICES) : List.of());
        model.addAttribute(
                "factoryName",
                owner ? null : accounts.organizationName(order.orgId()).orElse(""));
        model.addAttribute(
                "timeline",
                changes.stream()
                        .map(c -> new Step(
                                WHEN.format(c.at().atZone(zone)),
                                c.fromPhase(),
                                c.toPhase(),
                                c.actorId() == null
                                        ? null
                                        : names.getOrDefault(c.actorId(), owner ? "someone" : "the partner"),
                                c.reason(),
                                c.timeInPhase() == null ? null : span(c.timeInPhase())))
                        .toList());
        model.addAttribute("since", WHEN.format(order.phaseEnteredAt().atZone(zone)));
        model.addAttribute("sinceFor", span(Duration.between(order.phaseEnteredAt(), Instant.now())));
        model.addAttribute(
                "targets",
                owner
                        ? transitions.allowedTargets(id).stream()
                                .filter(PhaseTransitions.Target::allowed)
                                .map(PhaseTransitions.Target::phase)
                                .toList()
                        : List.of());
        model.addAttribute("awaitingAcceptance", owner && order.isPurchaseOrder() && order.phase() == OrderPhase.DRAFT);
        model.addAttribute("brandMayCancel", !owner && order.phase() == OrderPhase.DRAFT);
        boolean seesProjects =
                owner && TravelerAuthentication.current().orElseThrow().can("projects:read");
        model.addAttribute("progress", seesProjects ? projects.progressOfOrder(id) : null);
        Map<UUID, String> configured = owner ? configurations.lineStates(order) : Map.of();
        model.addAttribute("configured", configured);
        model.addAttribute(
                "unconfigured",
                LINES_OPEN.contains(order.phase())
                        ? configured.values().stream()
                                .filter(state -> !state.equals("configured"))
                                .count()
                        : 0L);
        return "orders/order";
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private ZoneId zone() {
        try {
            return ZoneId.of(settings.current().timezone());
        } catch (RuntimeException unknown) {
            return ZoneId.of("UTC");
        }
    }

    static OrderPhase phase(String value) {
        if (value == null || value.isBlank()) {
            throw new ValidationException("to_phase", "is required");
        }
        try {
            return OrderPhase.valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            throw new ValidationException("to_phase", "is not a phase");
        }
    }

    /** The refusal as one sentence: its detail, and for invalid input what each field needs. */
    static String reasonOf(TravelerException refused) {
        if (refused.kind() != TravelerException.Kind.INVALID) {
            return refused.getMessage();
        }
        return refused.errors().stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** "3 d 4 h", "2 h 5 min", "12 min", "40 s". */
    static String span(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        if (days > 0) {
            return days + " d " + hours + " h";
        }
        if (hours > 0) {
            return hours + " h " + minutes + " min";
        }
        return minutes > 0 ? minutes + " min" : seconds + " s";
    }

    private static Map<OrderPhase, String> labels() {
        Map<OrderPhase, String> labels = new EnumMap<>(OrderPhase.class);
        for (OrderPhase phase : OrderPhase.values()) {
            String words = phase.name().replace('_', ' ').toLowerCase(Locale.ROOT);
            labels.put(phase, Character.toUpperCase(words.charAt(0)) + words.substring(1));
        }
        return Map.copyOf(labels);
    }
}
