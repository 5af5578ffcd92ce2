package io.traveler.customers.internal;

import io.traveler.shared.errors.ForbiddenException;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.jpa.VersionedChanges;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.TimeCursor;
import io.traveler.shared.tenancy.TenantContext;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A customer's interactions, newest first. Anyone who may change customers adds to the timeline; an entry is deleted
 * only by the member who wrote it (the timeline is a record of what others did, not theirs to rewrite).
 */
@Service
public class Timeline {
    public record InteractionData(
            Interaction.Kind kind, String subject, String body, Instant occurredAt, UUID contactId) {}

    private final Interactions interactions;
    private final CustomerService customers;
    private final EntityManager em;

    Timeline(Interactions interactions, CustomerService customers, EntityManager em) {
        this.interactions = interactions;
        this.customers = customers;
        this.em = em;
    }

    /** One page, newest first by (occurred at, id), after the cursor's position. */
    @Transactional(readOnly = true)
    public ItemList<Interaction> of(UUID customerId, int limit, String cursor) {
        customers.customer(customerId);
        TimeCursor after = TimeCursor.parse(cursor);
        String jpql = "select i from Interaction i where i.customerId = :customer"
                + (after == null ? "" : " and (i.occurredAt < :at or (i.occurredAt = :at and i.id < :id))")
                + " order by i.occurredAt desc, i.id desc";
        var query = em.createQuery(jpql, Interaction.class)
                .setParameter("customer", customerId)
                .setMaxResults(limit + 1);
        if (after != null) {
            query.setParameter("at", after.at()).setParameter("id", after.id());
        }
        return TimeCursor.page(query.getResultList(), limit, i -> new TimeCursor(i.occurredAt(), i.id()));
    }

    @Transactional
    public Interaction add(UUID customerId, InteractionData data) {
        customers.customer(customerId);
        if (data.kind() == null) {
            throw new ValidationException("kind", "is required");
        }
        if (data.subject() == null || data.subject().isBlank()) {
            throw new ValidationException("subject", "is required");
        }
        if (data.contactId() != null) {
            try {
                customers.contact(customerId, data.contactId());
            } catch (NotFoundException e) {
                throw new ValidationException("contact_id", "is not a contact of this customer");
            }
        }
        Instant at = data.occurredAt() == null ? Instant.now() : data.occurredAt();
        String body = data.body() == null || data.body().isBlank() ? null : data.body();
        return interactions.saveAndFlush(new Interaction(
                customerId,
                data.contactId(),
                data.kind(),
                data.subject(),
                body,
                at,
                TenantContext.actorId().orElse(null)));
    }

    @Transactional
    public void delete(UUID customerId, UUID interactionId, ExpectedVersion expected) {
        customers.customer(customerId);
        Interaction interaction = interactions
                .findByIdAndCustomerId(interactionId, customerId)
                .orElseThrow(() -> NotFoundException.of("Interaction", interactionId));
        if (!Objects.equals(interaction.authorId(), TenantContext.actorId().orElse(null))) {
            throw new ForbiddenException("Only the member who wrote an interaction deletes it");
        }
        VersionedChanges.delete(interactions, interaction, expected);
    }
}
