package io.traveler.orders.web;

import io.traveler.orders.OrderPhase;
import io.traveler.orders.internal.PhaseTable;
import io.traveler.orders.internal.PhaseTable.Rule;
import io.traveler.orders.internal.PhaseTransitions;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.security.PermissionCatalogue;
import io.traveler.shared.web.Forms;
import io.traveler.shared.web.PageController;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The settings page of the organization's phase rules: every transition of the default table, each allowed, disabled
 * or reserved to holders of a permission.
 */
@PageController
@RequestMapping("/app/settings/order-phases")
class PhaseRulePages {
    static final String DISABLED = "DISABLED";

    private final PhaseTransitions transitions;
    private final PermissionCatalogue catalogue;

    PhaseRulePages(PhaseTransitions transitions, PermissionCatalogue catalogue) {
        this.transitions = transitions;
        this.catalogue = catalogue;
    }

    /** One transition of the default table as the form shows it: {@code choice} is "", DISABLED or a permission. */
    record Row(OrderPhase from, OrderPhase to, String field, String choice) {}

    @GetMapping
    @PreAuthorize("hasAuthority('orders:read')")
    String rules(Model model) {
        var set = transitions.rules();
        Map<String, String> chosen = new HashMap<>();
        for (Rule rule : set.rules()) {
            chosen.put(field(rule.from(), rule.to()), rule.disabled() ? DISABLED : rule.requiredPermission());
        }
        return page(model, chosen, set.version());
    }

    @PostMapping
    @PreAuthorize("hasAuthority('orders:configure')")
    String save(@RequestParam Map<String, String> form, Model model, RedirectAttributes flash) {
        Long version = parseVersion(form.get("version"));
        List<Rule> rules = new ArrayList<>();
        for (Row row : rows(Map.of())) {
            String choice = form.getOrDefault(row.field(), "").trim();
            if (!choice.isEmpty()) {
                boolean disabled = choice.equals(DISABLED);
                rules.add(new Rule(row.from(), row.to(), disabled, disabled ? null : choice));
            }
        }
        return Forms.submit(
                model,
                () -> {
                    transitions.replaceRules(rules, ExpectedVersion.ofNullable(version));
                    return Forms.notice(flash, "Phase rules saved.", "redirect:/app/settings/order-phases");
                },
                () -> page(model, form, version));
    }

    private String page(Model model, Map<String, String> chosen, Long version) {
        model.addAttribute("rows", rows(chosen));
        model.addAttribute("permissions", catalogue.allCodes().stream().sorted().toList());
        model.addAttribute("version", version);
        return "orders/phase-rules";
    }

    /** Every transition a rule may name, in the order of the production line. */
    private static List<Row> rows(Map<String, String> chosen) {
        List<Row> rows = new ArrayList<>();
        for (OrderPhase from : OrderPhase.values()) {
            for (OrderPhase to : OrderPhase.values()) {
                if (from != to && PhaseTable.isDefault(from, to)) {
                    String field = field(from, to);
                    rows.add(new Row(from, to, field, chosen.getOrDefault(field, "")));
                }
            }
        }
        return rows;
    }

    private static String field(OrderPhase from, OrderPhase to) {
        return "t_" + from + "_" + to;
    }

    private static Long parseVersion(String text) {
        try {
            return text == null || text.isBlank() ? null : Long.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return -1L; // no version of ours: the save is refused as stale
        }
    }
}
