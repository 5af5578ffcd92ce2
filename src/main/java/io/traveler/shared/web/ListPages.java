package io.traveler.shared.web;

import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.PageRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.ui.Model;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The one way a list page answers: its filters and one page of rows go into the model, and the view is the whole
 * page or, when htmx asks for it (typing in the search box, "Load more"), only its {@code rows} fragment. The
 * templates draw it with {@code fragments/list.html}: the search form, the empty state and the "Load more" row.
 *
 * <pre>{@code
 * return ListPages.of(request, model, "catalog/parts")
 *         .filter("q", q)
 *         .filter("kind", kind)
 *         .show(cursor, page -> browsing.parts(page.request(sorts, "part_number"), filter));
 * }</pre>
 */
public final class ListPages {
    /** Rows per page of the UI's lists; "Load more" fetches the next as many. */
    public static final int PAGE_SIZE = 50;

    /**
     * What the list fragments read, as {@code ${list}}: the rows, whether this is the first page (the empty state
     * shows only there), whether any filter narrows the list, and the link to the next page with the same filters.
     */
    public record ListView<T>(List<T> rows, boolean firstPage, boolean filtered, String moreUrl) {
        public boolean empty() {
            return rows.isEmpty() && firstPage;
        }
    }

    /** The page the list asks its query for: the cursor the request carried and the page size. */
    public record Page(String cursor, int size) {
        public PageRequest request(Set<String> sortable, String defaultSort) {
            return PageRequest.of(size, cursor, null, sortable, defaultSort);
        }
    }

    private final HttpServletRequest request;
    private final Model model;
    private final String view;
    private final Map<String, Object> filters = new LinkedHashMap<>();

    private ListPages(HttpServletRequest request, Model model, String view) {
        this.request = request;
        this.model = model;
        this.view = view;
    }

    public static ListPages of(HttpServletRequest request, Model model, String view) {
        return new ListPages(request, model, view);
    }

    /**
     * A query parameter that narrows the list: put into the model under its name (for the filter form) and carried
     * by the "Load more" link. A null or blank value does not narrow.
     */
    public ListPages filter(String name, Object value) {
        model.addAttribute(name, value);
        if (value != null && !(value instanceof String text && text.isBlank())) {
            filters.put(name, value);
        }
        return this;
    }

    /** Runs the query for the page the request asks for and answers the view: the page, or its rows fragment. */
    public <T> String show(String cursor, Function<Page, ItemList<T>> query) {
        String current = cursor == null || cursor.isBlank() ? null : cursor;
        ItemList<T> page = query.apply(new Page(current, PAGE_SIZE));
        model.addAttribute(
                "list", new ListView<>(page.items(), current == null, !filters.isEmpty(), moreUrl(page.nextCursor())));
        return Htmx.wantsFragment(request) ? view + " :: rows" : view;
    }

    private String moreUrl(String nextCursor) {
        if (nextCursor == null) {
            return null;
        }
        var uri = UriComponentsBuilder.fromPath(request.getRequestURI().substring(contextLength()));
        filters.forEach((name, value) -> uri.queryParam(name, value));
        return uri.queryParam("cursor", nextCursor).encode().build().toUriString();
    }

    private int contextLength() {
        String context = request.getContextPath();
        return context == null ? 0 : context.length();
    }
}
