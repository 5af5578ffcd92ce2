package io.traveler.customers.internal;

import io.traveler.shared.jpa.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;

/** One of a customer's people; the primary contact is the one to call first. */
@Entity
@Table(schema = "customers", name = "contacts")
public class Contact extends TenantOwned {
    private UUID customerId;
    private String name;
    private String role;
    private String email;
    private String phone;

    @Column(name = "is_primary")
    private boolean primary;

    protected Contact() {}

    public Contact(UUID customerId, String name) {
        this.customerId = customerId;
        rename(name);
    }

    public void rename(String name) {
        this.name = name.trim();
    }

    public void actAs(String role) {
        this.role = role;
    }

    public void reachAt(String email, String phone) {
        this.email = email;
        this.phone = phone;
    }

    public void makePrimary(boolean primary) {
        this.primary = primary;
    }

    public UUID customerId() {
        return customerId;
    }

    public String name() {
        return name;
    }

    public String role() {
        return role;
    }

    public String email() {
        return email;
    }

    public String phone() {
        return phone;
    }

    public boolean primary() {
        return primary;
    }
}
