package io.traveler.audit.web;

import io.traveler.audit.AuditTrail;
import io.traveler.audit.internal.AuditQueries;
import io.traveler.shared.ActorNames;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.web.Forms;
import io.traveler.shared.web.ListPages;
import io.traveler.shared.web.PageController;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit trail, newest first, filtered by entity type, entity id and actor, with "Load more". */
@PageController
@RequestMapping("/app/audit")
class AuditPages {
    /** Recorded with every row, but they say nothing a reader of the trail wants to know. */
    private static final Set<String> BOOKKEEPING = Set.of("org_id", "version", "created_at", "updated_at");

    private final AuditQueries audit;
    private final ActorNames actors;

    AuditPages(AuditQueries audit, ActorNames actors) {
        this.audit = audit;
        this.actors = actors;
    }

    /** One changed field: its values before and after, as text. */
    record Change(String field, String before, String after) {}

    record Row(AuditTrail.Entry entry, String actor, List<Change> changes) {}

    /** The filters as typed; ids that are not ids are reported instead of failing the page. */
    record Filters(String entityType, String entityId, String actorId) {
        Map<String, String> problems() {
            Map<String, String> problems = new LinkedHashMap<>();
            if (!blank(entityId) && parse(entityId) == null) {
                problems.put("entity_id", "is not an id");
            }
            if (!blank(actorId) && parse(actorId) == null) {
                problems.put("actor_id", "is not an id");
            }
            return problems;
        }

        AuditQueries.Filter query() {
            return new AuditQueries.Filter(
                    blank(entityType) ? null : entityType.trim(), parse(entityId), parse(actorId), null, null);
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }

        private static UUID parse(String value) {
            try {
                return blank(value) ? null : UUID.fromString(value.trim());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    @GetMapping
    @PreAuthorize("hasAuthority('audit:read')")
    String list(
            @RequestParam(name = "entity_type", required = false) String entityType,
            @RequestParam(name = "entity_id", required = false) String entityId,
            @RequestParam(name = "actor_id", required = false) String actorId,
            @RequestParam(required = false) String cursor,
            HttpServletRequest request,
            Model model) {
        var filters = new Filters(entityType, entityId, actorId);
        var problems = filters.problems();
        if (!problems.isEmpty()) {
            model.addAttribute(Forms.FIELD_ERRORS, problems);
        }
        return ListPages.of(request, model, "audit/audit")
                .filter("entity_type", entityType)
                .filter("entity_id", entityId)
                .filter("actor_id", actorId)
                .show(cursor, page -> {
                    if (!problems.isEmpty()) {
                        return new ItemList<Row>(List.of(), null);
                    }
                    var at = page.request(Set.of("at"), "-at");
                    return rows(audit.find(filters.query(), at.limit(), at.cursor()));
                });
    }

    private ItemList<Row> rows(ItemList<AuditTrail.Entry> entries) {
        Map<UUID, String> names = actors.namesOf(entries.items().stream()
                .map(AuditTrail.Entry::actorId)
                .filter(Objects::nonNull)
                .distinct()
                .toList());
        return entries.map(entry -> row(entry, names));
    }

    private static Row row(AuditTrail.Entry entry, Map<UUID, String> names) {
        String actor = entry.actorId() == null
                ? "System"
                : names.getOrDefault(entry.actorId(), "Someone no longer in this organization");
        List<Change> changes = new ArrayList<>();
        entry.changes().forEach((field, value) -> {
            if (BOOKKEEPING.contains(field)) {
                return;
            }
            if (value instanceof Map<?, ?> change) {
                changes.add(new Change(field, text(change.get("before")), text(change.get("after"))));
            } else {
                changes.add(new Change(field, null, text(value)));
            }
        });
        return new Row(entry, actor, changes);
    }

    private static String text(Object value) {
        return value == null
                ? null
                : value instanceof List<?> list
                        ? String.join(", ", list.stream().map(String::valueOf).toList())
                        : value.toString();
    }
}
