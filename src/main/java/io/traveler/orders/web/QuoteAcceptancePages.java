package io.traveler.orders.web;

import io.traveler.orders.internal.QuoteOrders;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.web.Forms;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The quote page's "Accept and create order" button: on to the new order, or back to the quote with the reason. */
@Controller
class QuoteAcceptancePages {
    private final QuoteOrders quoteOrders;

    QuoteAcceptancePages(QuoteOrders quoteOrders) {
        this.quoteOrders = quoteOrders;
    }

    @PostMapping("/app/quotes/{id}/accept")
    @PreAuthorize("hasAuthority('orders:write')")
    String accept(@PathVariable UUID id, @RequestParam(required = false) Long version, RedirectAttributes flash) {
        UUID[] placed = new UUID[1];
        String back = Forms.act(
                flash,
                "/app/quotes/" + id,
                "Quote accepted.",
                () -> placed[0] = quoteOrders
                        .accept(id, ExpectedVersion.ofNullable(version))
                        .id());
        if (placed[0] == null) {
            return back;
        }
        return Forms.notice(
                flash, "Quote accepted: this order was placed from it.", "redirect:/app/orders/" + placed[0]);
    }
}
