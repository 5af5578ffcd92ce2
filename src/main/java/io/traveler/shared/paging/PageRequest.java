package io.traveler.shared.paging;

import io.traveler.shared.errors.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code ?limit=&cursor=&sort=} of a list endpoint. Sort fields are API names ({@code name}, {@code -created_at});
 * only the ones an endpoint allows are accepted, and the id always breaks ties so the order is total.
 */
public record PageRequest(int limit, String cursor, List<SortField> sort) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public record SortField(String name, boolean descending) {}

    public static PageRequest of(Integer limit, String cursor, String sort, Set<String> allowed, String defaultSort) {
        int effectiveLimit = limit == null ? DEFAULT_LIMIT : limit;
        if (effectiveLimit < 1 || effectiveLimit > MAX_LIMIT) {
            throw new ValidationException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        List<SortField> fields = new ArrayList<>();
        String spec = sort == null || sort.isBlank() ? defaultSort : sort;
        for (String part : spec.split(",")) {
            String token = part.trim();
            if (token.isEmpty()) {
                continue;
            }
            boolean descending = token.startsWith("-");
            String name = descending ? token.substring(1) : token;
            if (!allowed.contains(name)) {
                throw new ValidationException("sort", "cannot sort by '" + name + "'; allowed: " + allowed);
            }
            fields.add(new SortField(name, descending));
        }
        return new PageRequest(effectiveLimit, cursor == null || cursor.isBlank() ? null : cursor, List.copyOf(fields));
    }
}
