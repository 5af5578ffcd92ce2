package io.traveler.shared.paging;

import io.traveler.shared.errors.ValidationException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Order;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keyset paging over a JPA entity with the Criteria API: the cursor carries the sort values of the last row
 * and its id, and the next page starts strictly after them. No OFFSET, so deep pages cost what the first does.
 * Sortable attributes must be non-null; Hibernate's tenant filter applies as to any query.
 */
public final class KeysetPager {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private KeysetPager() {}

    /**
     * @param sortable API field name → entity attribute name
     * @param filter extra restrictions (may return null)
     */
    public static <T> ItemList<T> page(
            EntityManager em,
            Class<T> type,
            PageRequest request,
            Map<String, String> sortable,
            BiFunction<Root<T>, CriteriaBuilder, Predicate> filter) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<T> query = cb.createQuery(type);
        Root<T> root = query.from(type);
        List<String> attributes = new ArrayList<>();
        List<Boolean> descending = new ArrayList<>();
        for (PageRequest.SortField field : request.sort()) {
            attributes.add(sortable.get(field.name()));
            descending.add(field.descending());
        }
        if (!attributes.contains("id")) {
            attributes.add("id");
            descending.add(descending.isEmpty() ? false : descending.getLast());
        }
        List<Predicate> where = new ArrayList<>();
        Predicate extra = filter == null ? null : filter.apply(root, cb);
        if (extra != null) {
            where.add(extra);
        }
        if (request.cursor() != null) {
            where.add(after(cb, root, attributes, descending, decode(request.cursor(), root, attributes)));
        }
        query.where(where.toArray(Predicate[]::new));
        List<Order> order = new ArrayList<>();
        for (int i = 0; i < attributes.size(); i++) {
            Path<Object> path = root.get(attributes.get(i));
            order.add(descending.get(i) ? cb.desc(path) : cb.asc(path));
        }
        query.orderBy(order);
        List<T> rows = em.createQuery(query).setMaxResults(request.limit() + 1).getResultList();
        if (rows.size() <= request.limit()) {
            return new ItemList<>(rows, null);
        }
        List<T> page = rows.subList(0, request.limit());
        return new ItemList<>(List.copyOf(page), encode(page.getLast(), attributes));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> Predicate after(
            CriteriaBuilder cb, Root<T> root, List<String> attributes, List<Boolean> descending, List<Object> values) {
        List<Predicate> alternatives = new ArrayList<>();
        for (int i = 0; i < attributes.size(); i++) {
            List<Predicate> conjunction = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                conjunction.add(cb.equal(root.get(attributes.get(j)), values.get(j)));
            }
            Expression<Comparable> path = root.get(attributes.get(i));
            Comparable value = (Comparable) values.get(i);
            conjunction.add(descending.get(i) ? cb.lessThan(path, value) : cb.greaterThan(path, value));
            alternatives.add(cb.and(conjunction.toArray(Predicate[]::new)));
        }
        // The first sort value's inclusive bound says nothing the alternatives do not, but it is the one condition an
        // index can start from: without it the scan reads, and throws away, every row before the cursor.
        Expression<Comparable> first = root.get(attributes.getFirst());
        Comparable firstValue = (Comparable) values.getFirst();
        Predicate bound = descending.getFirst()
                ? cb.lessThanOrEqualTo(first, firstValue)
                : cb.greaterThanOrEqualTo(first, firstValue);
        return cb.and(bound, cb.or(alternatives.toArray(Predicate[]::new)));
    }

    private static String encode(Object row, List<String> attributes) {
        List<String> values = new ArrayList<>();
        for (String attribute : attributes) {
            Object value = readField(row, attribute);
            values.add(value == null ? null : value.toString());
        }
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(JSON.writeValueAsString(values).getBytes(StandardCharsets.UTF_8));
    }

    private static Object readField(Object row, String attribute) {
        Class<?> type = row.getClass();
        while (type != null) {
            try {
                var field = type.getDeclaredField(attribute);
                field.setAccessible(true);
                return field.get(row);
            } catch (NoSuchFieldException e) {
                type = type.getSuperclass();
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalArgumentException("No attribute " + attribute);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> List<Object> decode(String cursor, Root<T> root, List<String> attributes) {
        try {
            List<String> raw = JSON.readValue(
                    new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8),
                    new TypeReference<List<String>>() {});
            if (raw.size() != attributes.size()) {
                throw new IllegalArgumentException("cursor does not match the sort");
            }
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < raw.size(); i++) {
                Class<?> javaType = root.get(attributes.get(i)).getJavaType();
                String value = raw.get(i);
                Object converted;
                if (javaType == UUID.class) {
                    converted = UUID.fromString(value);
                } else if (javaType == Instant.class) {
                    converted = Instant.parse(value);
                } else if (javaType == java.time.LocalDate.class) {
                    converted = java.time.LocalDate.parse(value);
                } else if (javaType == BigDecimal.class) {
                    converted = new BigDecimal(value);
                } else if (javaType == Integer.class || javaType == int.class) {
                    converted = Integer.valueOf(value);
                } else if (javaType == Long.class || javaType == long.class) {
                    converted = Long.valueOf(value);
                } else if (javaType.isEnum()) {
                    converted = Enum.valueOf((Class<Enum>) javaType, value);
                } else {
                    converted = value;
                }
                values.add(converted);
            }
            return values;
        } catch (RuntimeException e) {
            throw new ValidationException("cursor", "is not a cursor this list gave out");
        }
    }
}
