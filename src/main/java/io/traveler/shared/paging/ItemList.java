package io.traveler.shared.paging;

import java.util.List;
import java.util.function.Function;

/** The list envelope of every collection endpoint: {@code {"items": [...], "next_cursor": "..." | null}}. */
public record ItemList<T>(List<T> items, String nextCursor) {
    public <R> ItemList<R> map(Function<? super T, ? extends R> mapper) {
        return new ItemList<>(items.stream().<R>map(mapper).toList(), nextCursor);
    }
}
