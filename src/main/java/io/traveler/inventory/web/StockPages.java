package io.traveler.inventory.web;

import io.traveler.accounts.Accounts;
import io.traveler.catalog.Catalog;
import io.traveler.inventory.internal.Ledger;
import io.traveler.inventory.internal.StockExport;
import io.traveler.inventory.internal.StockViews;
import io.traveler.inventory.internal.StockViews.Movement;
import io.traveler.inventory.internal.StockViews.MovementFilter;
import io.traveler.shared.Quantities;
import io.traveler.shared.Quantity;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.web.Forms;
import io.traveler.shared.web.ListPages;
import io.traveler.shared.web.PageController;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.beans.PropertyEditorSupport;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The stock pages: the overview with its value by part and by location, a part's stock (where it is, per location and
 * lot, its lots and its ledger), a lot with its trace, the ledger, and the receive, issue, transfer and adjust forms.
 * The forms take a part number and location codes as typed or scanned (a keyboard-wedge scanner, or the camera
 * through html5-qrcode in {@code static/js/stock-scan.js}) and change stock only through the {@link Ledger}.
 */
@PageController
@RequestMapping("/app/inventory")
class StockPages {
    static final List<String> KINDS =
            List.of("RECEIPT", "ISSUE", "TRANSFER", "ADJUSTMENT", "RETURN", "DAMAGE", "RESERVE", "RELEASE");

    private final StockViews views;
    private final StockExport export;
    private final Ledger ledger;
    private final Catalog catalog;
    private final Accounts accounts;
    private final StockNames names;

    StockPages(
            StockViews views, StockExport export, Ledger ledger, Catalog catalog, Accounts accounts, StockNames names) {
        this.views = views;
        this.export = export;
        this.ledger = ledger;
        this.catalog = catalog;
        this.accounts = accounts;
        this.names = names;
    }

    // --- the overview ------------------------------------------------------------------------------------------

    @GetMapping({"", "/"})
    @PreAuthorize("hasAuthority('inventory:read')")
    String overview(
            @RequestParam(required = false) String by,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String location,
            @RequestParam(required = false) String cursor,
            HttpServletRequest request,
            Model model) {
        boolean byLocation = "location".equals(by);
        String search = q == null || q.isBlank() ? null : q.strip();
        Accounts.LocationRef at = location == null || location.isBlank()
                ? null
                : accounts.locationByCode(location.strip()).orElse(null);
        model.addAttribute("by", byLocation ? "location" : "part");
        model.addAttribute("locations", accounts.allLocations());
        model.addAttribute("totals", views.totals(at == null ? null : at.id()));
        model.addAttribute("costing", views.costingMethod());
        model.addAttribute("currency", names.currency());
        if (location != null && !location.isBlank() && at == null) {
            model.addAttribute(Forms.ERROR, "No location has the code " + location.strip() + ".");
        }
        if (byLocation) {
            Map<UUID, String> paths = names.paths();
            model.addAttribute(
                    "places",
                    views.byLocation().stream()
                            .map(l -> new Place(l, paths.getOrDefault(l.locationId(), l.code())))
                            .toList());
            model.addAttribute("q", null);
            model.addAttribute("location", null);
            return "inventory/overview";
        }
        return ListPages.of(request, model, "inventory/overview")
                .filter("by", "part")
                .filter("q", search)
                .filter("location", at == null ? null : at.code())
                .show(cursor, page -> views.byPart(search, at == null ? null : at.id(), page.size(), page.cursor()));
    }

    record Place(StockViews.LocationStock stock, String path) {}

    // --- a part ------------------------------------------------------------------------------------------------

    @GetMapping({"/parts/{id}", "/parts/{id}/"})
    @PreAuthorize("hasAuthority('inventory:read')")
    String part(@PathVariable UUID id, Model model) {
        StockViews.PartStock part = views.part(id);
        ItemList<Movement> ledgerPage = views.movements(new MovementFilter(id, null, null, null, null), 50, null);
        model.addAttribute("part", part);
        model.addAttribute("balances", views.balancesOfPart(id));
        model.addAttribute("lots", views.lotsOfPart(id));
        model.addAttribute("movements", names.movements(ledgerPage.items()));
        model.addAttribute("moreMovements", ledgerPage.nextCursor() != null);
        model.addAttribute("costing", views.costingMethod());
        model.addAttribute("currency", names.currency());
        model.addAttribute("when", names.lookup());
        return "inventory/part";
    }

    // --- a lot -------------------------------------------------------------------------------------------------

    @GetMapping({"/lots/{id}", "/lots/{id}/"})
    @PreAuthorize("hasAuthority('inventory:read')")
    String lot(@PathVariable UUID id, Model model) {
        StockViews.Lot lot = views.lot(id);
        model.addAttribute("lot", lot);
        model.addAttribute("balances", views.balancesOfLot(id));
        model.addAttribute("movements", names.movements(views.trace(id)));
        model.addAttribute("currency", names.currency());
        model.addAttribute("when", names.lookup());
        return "inventory/lot";
    }

    // --- the ledger --------------------------------------------------------------------------------------------

    @GetMapping({"/movements", "/movements/"})
    @PreAuthorize("hasAuthority('inventory:read')")
    String movements(
            @RequestParam(required = false) String part,
            @RequestParam(required = false) String location,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String cursor,
            HttpServletRequest request,
            Model model) {
        Catalog.PartRef partRef = part == null || part.isBlank()
                ? null
                : catalog.partByNumber(part.strip()).orElse(null);
        Accounts.LocationRef at = location == null || location.isBlank()
                ? null
                : accounts.locationByCode(location.strip()).orElse(null);
        String wanted = kind == null ? null : kind.strip().toUpperCase(Locale.ROOT);
        String kindFilter = wanted != null && KINDS.contains(wanted) ? wanted : null;
        boolean unknown = (part != null && !part.isBlank() && partRef == null)
                || (location != null && !location.isBlank() && at == null);
        model.addAttribute("kinds", KINDS);
        model.addAttribute("when", names.lookup());
        model.addAttribute("partRef", partRef);
        if (unknown) {
            model.addAttribute(Forms.ERROR, "No part or location has the number or code given.");
        }
        var filter = new MovementFilter(
                partRef == null ? (unknown ? new UUID(0, 0) : null) : partRef.id(),
                null,
                at == null ? null : at.id(),
                kindFilter,
                null);
        return ListPages.of(request, model, "inventory/movements")
                .filter("part", part == null || part.isBlank() ? null : part.strip())
                .filter("location", location == null || location.isBlank() ? null : location.strip())
                .filter("kind", kindFilter)
                .show(cursor, page -> {
                    // the page's names in one lookup, not one per row
                    ItemList<Movement> rows = views.movements(filter, page.size(), page.cursor());
                    return new ItemList<>(names.movements(rows.items()), rows.nextCursor());
                });
    }

    // --- exports (the API's files, for the signed-in user) ----------------------------------------------------

    @GetMapping("/export/stock.xlsx")
    @PreAuthorize("hasAuthority('inventory:read')")
    void exportStock(HttpServletResponse response) {
        export.stock(StockExportController.download(response, "stock.xlsx"));
    }

    @GetMapping("/export/movements.xlsx")
    @PreAuthorize("hasAuthority('inventory:read')")
    void exportMovements(@RequestParam(name = "part_id", required = false) UUID partId, HttpServletResponse response) {
        export.movements(partId, StockExportController.download(response, "movements.xlsx"));
    }

    // --- receive, issue, transfer, adjust ----------------------------------------------------------------------

    /** One form for the four moves; which fields count depends on the move. */
    record MoveForm(
            @NotBlank(message = "is required") @Size(max = 100, message = "must be at most 100 characters")
            String part,

            @NotBlank(message = "is required") @Size(max = 50, message = "must be at most 50 characters")
            String location,

            @BindParam("to_location") @Size(max = 50, message = "must be at most 50 characters")
            String toLocation,

            @NotNull(message = "is required") @Quantity BigDecimal quantity,

            @BindParam("lot_number") @Size(max = 100, message = "must be at most 100 characters")
            String lotNumber,

            @BindParam("unit_cost") @Quantity BigDecimal unitCost,

            @BindParam("expires_on") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
            LocalDate expiresOn,

            @Size(max = 500, message = "must be at most 500 characters")
            String reason) {
        static MoveForm prefilled(String part, String location) {
            return new MoveForm(part, location, null, null, null, null, null, null);
        }
    }

    /** The form's numbers through the bounded parse: long digit strings are refused before they are parsed. */
    @InitBinder
    void boundedNumbers(WebDataBinder binder) {
        binder.registerCustomEditor(BigDecimal.class, new PropertyEditorSupport() {
            @Override
            public void setAsText(String text) {
                if (text == null || text.isBlank()) {
                    setValue(null);
                    return;
                }
                try {
                    setValue(Quantities.parse("number", text));
                } catch (ValidationException e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
            }
        });
    }

    /** A move as the form shows it: its title, its verb, and which fields it asks for. */
    record Move(String name, String title, String verb, String permission) {
        public boolean receive() {
            return name.equals("receive");
        }

        public boolean transfer() {
            return name.equals("transfer");
        }

        public boolean adjust() {
            return name.equals("adjust");
        }

        public boolean issue() {
            return name.equals("issue");
        }
    }

    static final Map<String, Move> MOVES = Map.of(
            "receive", new Move("receive", "Receive stock", "Receive", "inventory:move"),
            "issue", new Move("issue", "Issue stock", "Issue", "inventory:move"),
            "transfer", new Move("transfer", "Transfer stock", "Transfer", "inventory:move"),
            "adjust", new Move("adjust", "Adjust stock", "Adjust", "inventory:manage"));

    @GetMapping({"/receive", "/issue", "/transfer"})
    @PreAuthorize("hasAuthority('inventory:move')")
    String moveForm(
            @RequestParam(required = false) String part,
            @RequestParam(required = false) String location,
            HttpServletRequest request,
            Model model) {
        return movePage(model, moveOf(request), MoveForm.prefilled(part, location));
    }

    @GetMapping("/adjust")
    @PreAuthorize("hasAuthority('inventory:manage')")
    String adjustForm(
            @RequestParam(required = false) String part, @RequestParam(required = false) String location, Model model) {
        return movePage(model, MOVES.get("adjust"), MoveForm.prefilled(part, location));
    }

    @PostMapping({"/receive", "/issue", "/transfer"})
    @PreAuthorize("hasAuthority('inventory:move')")
    String move(
            @Valid MoveForm form,
            BindingResult binding,
            HttpServletRequest request,
            Model model,
            RedirectAttributes flash) {
        Move move = moveOf(request);
        return Forms.save(form, binding, model, () -> movePage(model, move, form), () -> {
            String done = apply(move, form);
            return Forms.notice(
                    flash, done, "redirect:/app/inventory/parts/" + partOf(form).id());
        });
    }

    @PostMapping("/adjust")
    @PreAuthorize("hasAuthority('inventory:manage')")
    String adjust(@Valid MoveForm form, BindingResult binding, Model model, RedirectAttributes flash) {
        Move move = MOVES.get("adjust");
        return Forms.save(form, binding, model, () -> movePage(model, move, form), () -> {
            String done = apply(move, form);
            return Forms.notice(
                    flash, done, "redirect:/app/inventory/parts/" + partOf(form).id());
        });
    }

    /** From the pattern that matched, not the raw URI: that may still be percent-encoded ({@code %72eceive}). */
    private static Move moveOf(HttpServletRequest request) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String path = pattern == null ? "" : pattern.toString();
        Move move = MOVES.get(path.substring(path.lastIndexOf('/') + 1));
        if (move == null) {
            throw new NotFoundException("Stock move", path);
        }
        return move;
    }

    /** Applies the move through the ledger; answers what was done, for the notice. */
    private String apply(Move move, MoveForm form) {
        Catalog.PartRef part = partOf(form);
        Accounts.LocationRef at = locationOf("location", form.location());
        String unit = " " + part.unitOfMeasure() + " of " + part.partNumber();
        String quantity = plain(form.quantity());
        return switch (move.name()) {
            case "receive" -> {
                positive(form.quantity());
                BigDecimal cost = form.unitCost() != null ? form.unitCost() : part.unitCost();
                Ledger.Posted posted = ledger.receive(new Ledger.Receipt(
                        part.id(),
                        at.id(),
                        form.quantity(),
                        blankToNull(form.lotNumber()),
                        cost == null ? BigDecimal.ZERO : cost,
                        null,
                        form.expiresOn(),
                        null));
                yield "Received " + quantity + unit + " into " + at.code() + " (lot " + posted.lotNumber() + ").";
            }
            case "issue" -> {
                positive(form.quantity());
                ledger.issue(part.id(), at.id(), form.quantity(), null);
                yield "Issued " + quantity + unit + " from " + at.code() + ".";
            }
            case "transfer" -> {
                positive(form.quantity());
                if (form.toLocation() == null || form.toLocation().isBlank()) {
                    throw new ValidationException("to_location", "is required");
                }
                Accounts.LocationRef to = locationOf("to_location", form.toLocation());
                ledger.transfer(part.id(), lotOf(part, form.lotNumber()), at.id(), to.id(), form.quantity());
                yield "Moved " + quantity + unit + " from " + at.code() + " to " + to.code() + ".";
            }
            case "adjust" -> {
                if (form.quantity().signum() == 0) {
                    throw new ValidationException("quantity", "must not be zero");
                }
                if (form.reason() == null || form.reason().isBlank()) {
                    throw new ValidationException("reason", "is required");
                }
                ledger.adjust(
                        part.id(),
                        lotOf(part, form.lotNumber()),
                        at.id(),
                        form.quantity(),
                        form.reason().strip(),
                        null);
                yield "Adjusted " + part.partNumber() + " at " + at.code() + " by "
                        + (form.quantity().signum() > 0 ? "+" : "") + quantity + " " + part.unitOfMeasure() + ".";
            }
            default -> throw new IllegalStateException(move.name());
        };
    }

    private Catalog.PartRef partOf(MoveForm form) {
        return catalog.partByNumber(form.part().strip())
                .orElseThrow(() -> new ValidationException("part", "no part has this number"));
    }

    private Accounts.LocationRef locationOf(String field, String code) {
        return accounts.locationByCode(code.strip())
                .orElseThrow(() -> new ValidationException(field, "no location has this code"));
    }

    private UUID lotOf(Catalog.PartRef part, String lotNumber) {
        if (lotNumber == null || lotNumber.isBlank()) {
            return null;
        }
        return views.lotByNumber(part.id(), lotNumber.strip())
                .map(StockViews.Lot::id)
                .orElseThrow(() -> new ValidationException("lot_number", "the part has no lot with this number"));
    }

    private static void positive(BigDecimal quantity) {
        if (quantity.signum() <= 0) {
            throw new ValidationException("quantity", "must be more than zero");
        }
    }

    private String movePage(Model model, Move move, MoveForm form) {
        model.addAttribute("move", move);
        model.addAttribute("form", form);
        model.addAttribute("locations", accounts.allLocations());
        model.addAttribute(
                "parts", views.byPart(null, null, StockViews.MAX_LIMIT, null).items());
        return "inventory/move";
    }

    static String plain(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros().toPlainString();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
