package io.traveler.customers.internal;

import io.traveler.shared.jpa.TenantOwned;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One entry of a customer's timeline: a call, an e-mail, a meeting or a note, written by one member. */
@Entity
@Table(schema = "customers", name = "interactions")
public class Interaction extends TenantOwned {
    public enum Kind {
        CALL,
        EMAIL,
        MEETING,
        NOTE
    }

    private UUID customerId;
    private UUID contactId;

    @Enumerated(EnumType.STRING)
    private Kind kind;

    private String subject;
    private String body;
    private Instant occurredAt;
    private UUID authorId;

    protected Interaction() {}

    public Interaction(
            UUID customerId, UUID contactId, Kind kind, String subject, String body, Instant occurredAt, UUID author) {
        this.customerId = customerId;
        this.contactId = contactId;
        this.kind = kind;
        this.subject = subject.trim();
        this.body = body;
        this.occurredAt = occurredAt;
        this.authorId = author;
    }

    public UUID customerId() {
        return customerId;
    }

    public UUID contactId() {
        return contactId;
    }

    public Kind kind() {
        return kind;
    }

    public String subject() {
        return subject;
    }

    public String body() {
        return body;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public UUID authorId() {
        return authorId;
    }
}
