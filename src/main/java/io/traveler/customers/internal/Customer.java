package io.traveler.customers.internal;

import io.traveler.shared.jpa.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.List;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A customer of the organization: who they are, how to reach them, and the terms they buy on. */
@Entity
@Table(schema = "customers", name = "customers")
public class Customer extends TenantOwned {
    public enum Status {
        ACTIVE,
        INACTIVE,
        PROSPECT,
        BLOCKED,
        VIP
    }

    private String code;
    private String name;
    private String email;
    private String phone;

    @ColumnTransformer(write = "?::jsonb")
    private String billingAddress;

    @ColumnTransformer(write = "?::jsonb")
    private String shippingAddress;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    private String[] tags = new String[0];

    @Enumerated(EnumType.STRING)
    private Status status = Status.ACTIVE;

    private Integer paymentTerms;
    private BigDecimal creditLimit;
    private boolean taxExempt;
    private String externalId;

    protected Customer() {}

    public Customer(String code, String name) {
        this.code = code;
        rename(name);
    }

    public void recode(String code) {
        this.code = code.trim();
    }

    public void rename(String name) {
        this.name = name.trim();
    }

    public void reachAt(String email, String phone) {
        this.email = email;
        this.phone = phone;
    }

    /** Each address is a JSON object ({"street": …, "city": …}), kept as its text; null when unknown. */
    public void shipTo(String billingAddress, String shippingAddress) {
        this.billingAddress = billingAddress;
        this.shippingAddress = shippingAddress;
    }

    public void tag(List<String> tags) {
        this.tags = tags.stream()
                .map(String::trim)
                .filter(tag -> !tag.isEmpty())
                .distinct()
                .toArray(String[]::new);
    }

    public void changeStatus(Status status) {
        this.status = status;
    }

    public void sellOn(Integer paymentTerms, BigDecimal creditLimit, boolean taxExempt) {
        this.paymentTerms = paymentTerms;
        this.creditLimit = creditLimit;
        this.taxExempt = taxExempt;
    }

    public void knownElsewhereAs(String externalId) {
        this.externalId = externalId;
    }

    public String code() {
        return code;
    }

    public String name() {
        return name;
    }

    public String email() {
        return email;
    }

    public String phone() {
        return phone;
    }

    public String billingAddress() {
        return billingAddress;
    }

    public String shippingAddress() {
        return shippingAddress;
    }

    public List<String> tags() {
        return List.of(tags);
    }

    public Status status() {
        return status;
    }

    public Integer paymentTerms() {
        return paymentTerms;
    }

    public BigDecimal creditLimit() {
        return creditLimit;
    }

    public boolean taxExempt() {
        return taxExempt;
    }

    public String externalId() {
        return externalId;
    }
}
