package io.traveler.shared.web;

import jakarta.servlet.http.HttpServletRequest;

/** htmx asks for parts of pages (the rows of a filtered list, the next page of rows) with its own headers. */
public final class Htmx {
    private Htmx() {}

    /**
     * True when htmx wants only a fragment to swap in. A history restore (back button after the cache expired)
     * wants the whole page even though htmx sends it.
     */
    public static boolean wantsFragment(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"))
                && !"true".equals(request.getHeader("HX-History-Restore-Request"));
    }
}
