package io.traveler.accounts.web;

import io.traveler.shared.paging.PageRequest;
import java.util.Map;

/** Paging parameters of this module's lists. */
final class Pages {
    private Pages() {}

    static PageRequest of(Integer limit, String cursor, String sort, Map<String, String> sortable, String defaultSort) {
        return PageRequest.of(limit, cursor, sort, sortable.keySet(), defaultSort);
    }
}
