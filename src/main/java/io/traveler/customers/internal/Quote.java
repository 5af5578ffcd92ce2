package io.traveler.customers.internal;

import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.jpa.TenantOwned;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.annotations.BatchSize;
import org.hibernate.annotations.OptimisticLock;

/**
 * A priced offer to a customer. It is edited while DRAFT; sent, it waits for the customer's answer until its
 * validity date passes (then the expiry job marks it EXPIRED); accepted, it becomes an order (whose id it keeps).
 */
@Entity
@Table(schema = "customers", name = "quotes")
public class Quote extends TenantOwned {
    public enum Status {
        DRAFT,
        SENT,
        ACCEPTED,
        REJECTED,
        EXPIRED
    }

    /** The only moves a quote makes; anything else is a 409 naming these. */
    static final Map<Status, Set<Status>> TRANSITIONS = Map.of(
            Status.DRAFT, EnumSet.of(Status.SENT, Status.ACCEPTED),
            Status.SENT, EnumSet.of(Status.ACCEPTED, Status.REJECTED, Status.EXPIRED),
            Status.ACCEPTED, EnumSet.noneOf(Status.class),
            Status.REJECTED, EnumSet.noneOf(Status.class),
            Status.EXPIRED, EnumSet.noneOf(Status.class));

    private String code;
    private UUID customerId;

    @Enumerated(EnumType.STRING)
    private Status status = Status.DRAFT;

    private String currency;
    private LocalDate validUntil;
    private BigDecimal discount = BigDecimal.ZERO;
    private BigDecimal taxRate;
    private BigDecimal taxAmount;
    private BigDecimal subtotal = BigDecimal.ZERO;
    private BigDecimal tax = BigDecimal.ZERO;
    private BigDecimal total = BigDecimal.ZERO;
    private String notes;
    private String rejectReason;
    private Instant sentAt;
    private Instant decidedAt;
    private UUID orderId;
    private UUID createdBy;
    /** Set by every change, lines included, so each one moves the version (the ETag) exactly once. */
    private Instant editedAt;

    /** Read with the quote (in batches for a list); changes move the version through editedAt, not on their own. */
    @OneToMany(cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
    @JoinColumn(name = "quote_id", insertable = false, updatable = false)
    @OrderBy("position")
    @BatchSize(size = 100)
    @OptimisticLock(excluded = true)
    private List<QuoteLine> lines = new ArrayList<>();

    protected Quote() {}

    Quote(String code, UUID customerId, String currency, LocalDate validUntil, UUID createdBy) {
        this.code = code;
        this.customerId = customerId;
        this.currency = currency;
        this.validUntil = validUntil;
        this.createdBy = createdBy;
        this.editedAt = Instant.now();
    }

    /** Lines, terms and the customer change only while the quote is a DRAFT. */
    void requireDraft(String what) {
        if (status != Status.DRAFT) {
            throw new ConflictException("Quote " + code + " is " + status + ": " + what + " only in DRAFT");
        }
    }

    void moveTo(Status next) {
        Set<Status> allowed = TRANSITIONS.get(status);
        if (!allowed.contains(next)) {
            throw new ConflictException("Quote " + code + " is " + status + " and cannot become " + next + "; allowed: "
                    + (allowed.isEmpty() ? "none" : names(allowed)));
        }
        status = next;
        edited();
        switch (next) {
            case SENT -> sentAt = Instant.now();
            case ACCEPTED, REJECTED, EXPIRED -> decidedAt = Instant.now();
            default -> {}
        }
    }

    private static String names(Set<Status> statuses) {
        return statuses.stream().map(Enum::name).collect(Collectors.joining(", "));
    }

    void rejectBecause(String reason) {
        moveTo(Status.REJECTED);
        this.rejectReason = reason;
    }

    void forCustomer(UUID customerId) {
        this.customerId = customerId;
        edited();
    }

    void terms(LocalDate validUntil, BigDecimal discount, BigDecimal taxRate, BigDecimal taxAmount, String notes) {
        this.validUntil = validUntil;
        this.discount = discount;
        this.taxRate = taxRate;
        this.taxAmount = taxAmount;
        this.notes = notes;
        edited();
    }

    void addLine(QuoteLine line) {
        lines.add(line);
        edited();
    }

    void removeLine(QuoteLine line) {
        lines.remove(line);
        edited();
    }

    void total(QuoteTotals totals) {
        this.subtotal = totals.subtotal();
        this.discount = totals.discount();
        this.tax = totals.tax();
        this.total = totals.total();
        edited();
    }

    void linkOrder(UUID orderId) {
        this.orderId = orderId;
        edited();
    }

    void edited() {
        this.editedAt = Instant.now();
    }

    int nextPosition() {
        return lines.stream().mapToInt(QuoteLine::position).max().orElse(-1) + 1;
    }

    public Set<Status> allowedNext() {
        return TRANSITIONS.get(status);
    }

    public String code() {
        return code;
    }

    public UUID customerId() {
        return customerId;
    }

    public Status status() {
        return status;
    }

    public String currency() {
        return currency;
    }

    public LocalDate validUntil() {
        return validUntil;
    }

    public BigDecimal discount() {
        return discount;
    }

    public BigDecimal taxRate() {
        return taxRate;
    }

    public BigDecimal taxAmount() {
        return taxAmount;
    }

    public BigDecimal subtotal() {
        return subtotal;
    }

    public BigDecimal tax() {
        return tax;
    }

    public BigDecimal total() {
        return total;
    }

    public String notes() {
        return notes;
    }

    public String rejectReason() {
        return rejectReason;
    }

    public Instant sentAt() {
        return sentAt;
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    public UUID orderId() {
        return orderId;
    }

    public UUID createdBy() {
        return createdBy;
    }

    public List<QuoteLine> lines() {
        return List.copyOf(lines);
    }
}
