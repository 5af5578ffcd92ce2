package io.traveler.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.shared.modules.ModuleRegistry;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.security.TravelerAuthentication;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The global search of the API: every module's search the caller holds the permission of. Each kind gives its best
 * {@code limit} hits (10 unless asked); there is no next page, a narrower query is.
 */
@Tag(name = "Search")
@RestController
class SearchController {
    static final int DEFAULT_HITS = 10;

    private final ModuleRegistry modules;

    SearchController(ModuleRegistry modules) {
        this.modules = modules;
    }

    /** A hit: its kind ({@code parts}, {@code customers}, …), id, title and detail, and its API resource. */
    record Hit(String kind, UUID id, String title, String detail, String href) {}

    @Operation(summary = "Search everything the caller may read")
    @GetMapping("/api/search")
    ItemList<Hit> search(@RequestParam(required = false) String q, @RequestParam(required = false) Integer limit) {
        var me = TravelerAuthentication.current().orElseThrow();
        return new ItemList<>(
                modules.search(me, q, limit == null ? DEFAULT_HITS : limit).stream()
                        .map(found -> new Hit(found.kind(), found.id(), found.title(), found.detail(), found.href()))
                        .toList(),
                null);
    }
}
