package io.traveler.inventory.internal;

import io.traveler.shared.jpa.TenantOwned;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** Someone materials are bought from: how to reach them, the currency they sell in, their usual lead time. */
@Entity
@Table(schema = "inventory", name = "suppliers")
public class Supplier extends TenantOwned {
    private String code;
    private String name;
    private String email;
    private String phone;
    private String address;
    private String currency;
    private Integer leadTimeDays;
    private String notes;
    private boolean active = true;

    protected Supplier() {}

    public Supplier(String code, String name, String currency) {
        this.code = code;
        this.name = name;
        this.currency = currency;
    }

    void rename(String code, String name) {
        this.code = code;
        this.name = name;
    }

    void reachedAt(String email, String phone, String address) {
        this.email = email;
        this.phone = phone;
        this.address = address;
    }

    void sellsIn(String currency) {
        this.currency = currency;
    }

    void deliversIn(Integer leadTimeDays) {
        this.leadTimeDays = leadTimeDays;
    }

    void note(String notes) {
        this.notes = notes;
    }

    void activate(boolean active) {
        this.active = active;
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

    public String address() {
        return address;
    }

    public String currency() {
        return currency;
    }

    public Integer leadTimeDays() {
        return leadTimeDays;
    }

    public String notes() {
        return notes;
    }

    public boolean active() {
        return active;
    }
}
