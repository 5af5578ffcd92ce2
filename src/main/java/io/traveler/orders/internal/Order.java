package io.traveler.orders.internal;

import io.traveler.orders.OrderPhase;
import io.traveler.shared.Ids;
import io.traveler.shared.jpa.Stamped;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * An order, owned by the organization that fulfils it ({@code orgId}). A purchase order also names the brand that
 * placed it and shares the row with it, which is why this entity carries no Hibernate tenant filter: every query of
 * {@link Orders} names the organization it reads for, and row-level security admits only the owner and the brand.
 */
@Entity
@Table(schema = "orders", name = "orders")
public class Order extends Stamped {
    public enum Type {
        STANDARD,
        CUSTOM,
        RUSH,
        PROTOTYPE
    }

    public enum Priority {
        LOW,
        NORMAL,
        HIGH,
        URGENT
    }

    @Id
    private UUID id = Ids.newId();

    @Column(name = "org_id", nullable = false, updatable = false)
    private UUID orgId;

    @Column(nullable = false, updatable = false)
    private UUID placedByOrgId;

    @Column(nullable = false, updatable = false)
    private String code;

    @Column(updatable = false)
    private UUID customerId;

    @Column(updatable = false)
    private UUID brandOrgId;

    private String partyName;

    @Enumerated(EnumType.STRING)
    private Type type = Type.STANDARD;

    @Enumerated(EnumType.STRING)
    private Priority priority = Priority.NORMAL;

    @Enumerated(EnumType.STRING)
    private OrderPhase phase = OrderPhase.DRAFT;

    @Enumerated(EnumType.STRING)
    private OrderPhase heldFromPhase;

    private Instant phaseEnteredAt;
    private LocalDate orderedOn;
    private LocalDate requestedOn;
    private LocalDate promisedOn;
    private LocalDate deliveredOn;
    private UUID assigneeId;
    private String specialInstructions;
    private String currency;
    private BigDecimal subtotal = BigDecimal.ZERO;
    private BigDecimal discount = BigDecimal.ZERO;
    private BigDecimal tax = BigDecimal.ZERO;
    private BigDecimal shipping = BigDecimal.ZERO;
    private BigDecimal total = BigDecimal.ZERO;
    private String rejectionReason;

    @Column(updatable = false)
    private UUID createdBy;

    protected Order() {}

    private Order(
            UUID orgId,
            UUID placedByOrgId,
            String code,
            UUID customerId,
            UUID brandOrgId,
            String partyName,
            String currency,
            LocalDate orderedOn,
            UUID createdBy,
            Instant now) {
        this.partyName = partyName;
        this.orgId = orgId;
        this.placedByOrgId = placedByOrgId;
        this.code = code;
        this.customerId = customerId;
        this.brandOrgId = brandOrgId;
        this.currency = currency;
        this.orderedOn = orderedOn;
        this.createdBy = createdBy;
        this.phaseEnteredAt = now;
    }

    /** An order of one of {@code orgId}'s customers, coded from its own series. */
    public static Order forCustomer(
            UUID orgId,
            String code,
            UUID customerId,
            String customerName,
            String currency,
            LocalDate orderedOn,
            UUID createdBy,
            Instant now) {
        return new Order(orgId, orgId, code, customerId, null, customerName, currency, orderedOn, createdBy, now);
    }

    /** A brand's purchase order addressed to the factory {@code factoryOrgId}, coded from the brand's series. */
    public static Order purchaseOrder(
            UUID factoryOrgId,
            UUID brandOrgId,
            String brandName,
            String code,
            String currency,
            LocalDate orderedOn,
            UUID createdBy,
            Instant now) {
        return new Order(
                factoryOrgId, brandOrgId, code, null, brandOrgId, brandName, currency, orderedOn, createdBy, now);
    }

    public UUID id() {
        return id;
    }

    public UUID orgId() {
        return orgId;
    }

    public UUID placedByOrgId() {
        return placedByOrgId;
    }

    public String code() {
        return code;
    }

    public UUID customerId() {
        return customerId;
    }

    public UUID brandOrgId() {
        return brandOrgId;
    }

    /** The customer's name, or the brand's for a purchase order, as it was when the order was placed. */
    public String partyName() {
        return partyName;
    }

    public boolean isPurchaseOrder() {
        return brandOrgId != null;
    }

    public Type type() {
        return type;
    }

    public Priority priority() {
        return priority;
    }

    public OrderPhase phase() {
        return phase;
    }

    public OrderPhase heldFromPhase() {
        return heldFromPhase;
    }

    public Instant phaseEnteredAt() {
        return phaseEnteredAt;
    }

    public LocalDate orderedOn() {
        return orderedOn;
    }

    public LocalDate requestedOn() {
        return requestedOn;
    }

    public LocalDate promisedOn() {
        return promisedOn;
    }

    public LocalDate deliveredOn() {
        return deliveredOn;
    }

    public UUID assigneeId() {
        return assigneeId;
    }

    public String specialInstructions() {
        return specialInstructions;
    }

    public String currency() {
        return currency;
    }

    public BigDecimal subtotal() {
        return subtotal;
    }

    public BigDecimal discount() {
        return discount;
    }

    public BigDecimal tax() {
        return tax;
    }

    public BigDecimal shipping() {
        return shipping;
    }

    public BigDecimal total() {
        return total;
    }

    public String rejectionReason() {
        return rejectionReason;
    }

    public UUID createdBy() {
        return createdBy;
    }

    public void classify(Type type, Priority priority) {
        this.type = type;
        this.priority = priority;
    }

    public void schedule(LocalDate requestedOn, LocalDate promisedOn) {
        this.requestedOn = requestedOn;
        this.promisedOn = promisedOn;
    }

    public void assign(UUID assigneeId) {
        this.assigneeId = assigneeId;
    }

    public void instruct(String specialInstructions) {
        this.specialInstructions = specialInstructions;
    }

    /** Sets the totals the service computed from the lines; the database checks that they add up. */
    public void total(BigDecimal subtotal, BigDecimal discount, BigDecimal tax, BigDecimal shipping) {
        this.subtotal = subtotal;
        this.discount = discount;
        this.tax = tax;
        this.shipping = shipping;
        this.total = subtotal.subtract(discount).add(tax).add(shipping);
    }

    /**
     * Moves the order to {@code to} (the caller has checked the transition table) and returns how long it spent in
     * the phase it leaves. Putting it ON_HOLD remembers that phase; delivering it dates the delivery.
     */
    public java.time.Duration moveTo(OrderPhase to, Instant now, LocalDate today) {
        var spent = java.time.Duration.between(phaseEnteredAt, now);
        heldFromPhase = to == OrderPhase.ON_HOLD ? phase : null;
        if (to == OrderPhase.DELIVERED) {
            deliveredOn = today;
        }
        phase = to;
        phaseEnteredAt = now;
        return spent.isNegative() ? java.time.Duration.ZERO : spent;
    }

    /** The factory refuses a purchase order: it is cancelled with the reason. */
    public void reject(String reason) {
        this.rejectionReason = reason;
    }
}
