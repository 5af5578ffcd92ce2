package io.traveler.web;

import io.traveler.shared.modules.ModuleRegistry;
import io.traveler.shared.security.TravelerAuthentication;
import io.traveler.shared.web.PageController;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The header's search box: the global search's hits grouped by what they are, each linking to its page. */
@PageController
class SearchPage {
    private final ModuleRegistry modules;

    SearchPage(ModuleRegistry modules) {
        this.modules = modules;
    }

    @GetMapping("/app/search")
    String search(@RequestParam(required = false) String q, Model model) {
        var me = TravelerAuthentication.current().orElseThrow();
        model.addAttribute("q", q);
        model.addAttribute("searched", modules.searchableBy(me));
        Map<String, List<ModuleRegistry.Found>> groups = new LinkedHashMap<>();
        if (q != null && !q.isBlank()) {
            modules.search(me, q, SearchController.DEFAULT_HITS)
                    .forEach(found -> groups.computeIfAbsent(found.label(), k -> new ArrayList<>())
                            .add(found));
        }
        model.addAttribute("groups", groups);
        return "search";
    }
}
