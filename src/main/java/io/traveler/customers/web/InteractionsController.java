package io.traveler.customers.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.customers.internal.Interaction;
import io.traveler.customers.internal.Timeline;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.PageRequest;
import io.traveler.shared.web.Versions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A customer's timeline of calls, e-mails, meetings and notes. */
@Tag(name = "Customers")
@RestController
class InteractionsController {
    private final Timeline timeline;

    InteractionsController(Timeline timeline) {
        this.timeline = timeline;
    }

    record InteractionView(
            UUID id,
            UUID customerId,
            UUID contactId,
            Interaction.Kind kind,
            String subject,
            String body,
            Instant occurredAt,
            UUID authorId,
            long version,
            Instant createdAt) {
        static InteractionView of(Interaction i) {
            return new InteractionView(
                    i.id(),
                    i.customerId(),
                    i.contactId(),
                    i.kind(),
                    i.subject(),
                    i.body(),
                    i.occurredAt(),
                    i.authorId(),
                    i.version(),
                    i.createdAt());
        }
    }

    /** When it happened defaults to now; the contact, if named, is one of this customer's. */
    record InteractionBody(
            Interaction.Kind kind,
            @Size(min = 1, max = 200) String subject,
            @Size(max = 10000) String body,
            Instant occurredAt,
            UUID contactId) {}

    @Operation(summary = "A customer's interactions, newest first")
    @GetMapping("/api/customers/{id}/interactions")
    @PreAuthorize("hasAuthority('customers:read')")
    ItemList<InteractionView> list(
            @PathVariable UUID id,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        var page = PageRequest.of(limit, cursor, null, java.util.Set.of("occurred_at"), "-occurred_at");
        return timeline.of(id, page.limit(), page.cursor()).map(InteractionView::of);
    }

    @Operation(summary = "Record a call, e-mail, meeting or note with a customer")
    @PostMapping("/api/customers/{id}/interactions")
    @PreAuthorize("hasAuthority('customers:write')")
    ResponseEntity<InteractionView> add(@PathVariable UUID id, @Valid @RequestBody InteractionBody body) {
        Interaction added = timeline.add(
                id,
                new Timeline.InteractionData(
                        body.kind(), body.subject(), body.body(), body.occurredAt(), body.contactId()));
        return Versions.withEtag(
                org.springframework.http.HttpStatus.CREATED, added.version(), InteractionView.of(added));
    }

    @Operation(summary = "Delete an interaction the caller wrote")
    @DeleteMapping("/api/customers/{id}/interactions/{interactionId}")
    @PreAuthorize("hasAuthority('customers:write')")
    ResponseEntity<Void> delete(@PathVariable UUID id, @PathVariable UUID interactionId, ExpectedVersion expected) {
        timeline.delete(id, interactionId, expected);
        return ResponseEntity.noContent().build();
    }
}
