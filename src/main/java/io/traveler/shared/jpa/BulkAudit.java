package io.traveler.shared.jpa;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The audit record of rows a module writes with set-based statements, which Hibernate's listeners never see: one
 * entry per row, in the current transaction, as the listeners would have written it.
 */
public interface BulkAudit {
    enum Action {
        CREATE,
        UPDATE,
        DELETE
    }

    /**
     * One row's change: {@code changes} maps each property (as the entity names it) to {@code {"after": value}}
     * for a creation, {@code {"before": ..., "after": ...}} for an update, {@code {"before": value}} for a delete.
     */
    record Entry(UUID entityId, Map<String, Object> changes) {}

    /** Records every entry of one entity type and action with one statement. */
    void record(String entityType, Action action, List<Entry> entries);

    /** A creation's changes: each non-null property as {@code {"after": value}}. */
    static Map<String, Object> created(Map<String, Object> state) {
        Map<String, Object> changes = new java.util.LinkedHashMap<>();
        state.forEach((property, value) -> {
            if (value != null) {
                changes.put(property, Map.of("after", value));
            }
        });
        return changes;
    }
}
