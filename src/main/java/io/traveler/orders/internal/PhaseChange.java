package io.traveler.orders.internal;

import io.traveler.orders.OrderPhase;
import io.traveler.shared.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One entry of an order's phase history: written once, never changed. */
@Entity
@Immutable
@Table(schema = "orders", name = "phase_changes")
public class PhaseChange {
    @Id
    private UUID id = Ids.newId();

    @Column(name = "org_id", nullable = false, updatable = false)
    private UUID orgId;

    private UUID orderId;
    private UUID brandOrgId;

    @Enumerated(EnumType.STRING)
    private OrderPhase fromPhase;

    @Enumerated(EnumType.STRING)
    private OrderPhase toPhase;

    private UUID actorId;
    private String reason;
    private Instant at;
    /** An interval column: Hibernate maps a Duration to numeric nanoseconds unless told. */
    @JdbcTypeCode(SqlTypes.INTERVAL_SECOND)
    private Duration timeInPhase;

    protected PhaseChange() {}

    /** The first entry: the order was created in {@code phase}. */
    public static PhaseChange creation(Order order, UUID actorId, Instant at) {
        return new PhaseChange(order, null, order.phase(), actorId, null, at, null);
    }

    public PhaseChange(
            Order order,
            OrderPhase fromPhase,
            OrderPhase toPhase,
            UUID actorId,
            String reason,
            Instant at,
            Duration timeInPhase) {
        this.orgId = order.orgId();
        this.orderId = order.id();
        this.brandOrgId = order.brandOrgId();
        this.fromPhase = fromPhase;
        this.toPhase = toPhase;
        this.actorId = actorId;
        this.reason = reason;
        this.at = at;
        this.timeInPhase = timeInPhase;
    }

    public UUID id() {
        return id;
    }

    public UUID orderId() {
        return orderId;
    }

    public OrderPhase fromPhase() {
        return fromPhase;
    }

    public OrderPhase toPhase() {
        return toPhase;
    }

    public UUID actorId() {
        return actorId;
    }

    public String reason() {
        return reason;
    }

    public Instant at() {
        return at;
    }

    public Duration timeInPhase() {
        return timeInPhase;
    }
}
