package io.traveler.orders.web;

import io.traveler.orders.internal.PhaseTransitions;
import io.traveler.orders.internal.PurchaseOrderViews;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.web.Forms;
import io.traveler.shared.web.ListPages;
import io.traveler.shared.web.PageController;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Purchase orders between a brand and its partner factories: the factory's inbox of drafts to accept or reject, the
 * brand's own purchase orders. One navigation entry leads to whichever side the organization is.
 */
@PageController
@RequestMapping("/app/orders")
class PurchaseOrderPages {
    private final PurchaseOrderViews views;
    private final PhaseTransitions transitions;
    private final OrganizationKind kind;

    PurchaseOrderPages(PurchaseOrderViews views, PhaseTransitions transitions, OrganizationKind kind) {
        this.views = views;
        this.transitions = transitions;
        this.kind = kind;
    }

    /** A brand's purchase orders, newest first; for a factory, its inbox. */
    @GetMapping("/purchase-orders")
    @PreAuthorize("hasAuthority('orders:read')")
    String purchaseOrders(@RequestParam(required = false) String cursor, HttpServletRequest request, Model model) {
        if (!kind.isBrand()) {
            return inbox(model);
        }
        model.addAttribute("labels", OrderPages.LABELS);
        return ListPages.of(request, model, "orders/purchase-orders")
                .show(cursor, page -> views.sent(page.cursor(), page.size()));
    }

    @GetMapping("/inbox")
    @PreAuthorize("hasAuthority('orders:read')")
    String inbox(Model model) {
        model.addAttribute("rows", views.inbox());
        return "orders/inbox";
    }

    @PostMapping("/{id}/accept")
    @PreAuthorize("hasAuthority('orders:accept')")
    String accept(@PathVariable UUID id, @RequestParam(required = false) String from, RedirectAttributes flash) {
        return Forms.act(
                flash,
                back(id, from),
                "Purchase order accepted: it is in configuration now.",
                () -> transitions.acceptPurchaseOrder(id, ExpectedVersion.none()));
    }

    @PostMapping("/{id}/reject")
    @PreAuthorize("hasAuthority('orders:accept')")
    String reject(
            @PathVariable UUID id,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String from,
            RedirectAttributes flash) {
        return Forms.act(
                flash,
                back(id, from),
                "Purchase order rejected.",
                () -> transitions.rejectPurchaseOrder(id, OrderPages.blankToNull(reason), ExpectedVersion.none()));
    }

    /** The brand takes back a purchase order the factory has not accepted yet. */
    @PostMapping("/{id}/withdraw")
    @PreAuthorize("hasAuthority('orders:write')")
    String withdraw(@PathVariable UUID id, @RequestParam(required = false) String reason, RedirectAttributes flash) {
        return Forms.act(
                flash,
                "/app/orders/" + id,
                "Purchase order withdrawn.",
                () -> transitions.cancel(id, OrderPages.blankToNull(reason), ExpectedVersion.none()));
    }

    private static String back(UUID id, String from) {
        return "inbox".equals(from) ? "/app/orders/inbox" : "/app/orders/" + id;
    }
}
