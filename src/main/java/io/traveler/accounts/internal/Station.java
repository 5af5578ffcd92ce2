package io.traveler.accounts.internal;

import io.traveler.shared.jpa.TenantOwned;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.UUID;

/** A team or work area ("Cutting", "Finishing") that workflow stages and tasks are assigned to. */
@Entity
@Table(schema = "accounts", name = "stations")
public class Station extends TenantOwned {
    public enum Status {
        ACTIVE,
        INACTIVE
    }

    private String name;
    private String description;
    private UUID leaderId;
    private BigDecimal capacityHoursPerDay = new BigDecimal("8");
    private UUID locationId;

    @Enumerated(EnumType.STRING)
    private Status status = Status.ACTIVE;

    protected Station() {}

    public Station(String name) {
        rename(name);
    }

    public void rename(String name) {
        this.name = name.trim();
    }

    public void describe(String description) {
        this.description = description;
    }

    public void ledBy(UUID leaderId) {
        this.leaderId = leaderId;
    }

    public void withCapacity(BigDecimal hoursPerDay) {
        this.capacityHoursPerDay = hoursPerDay;
    }

    public void locatedAt(UUID locationId) {
        this.locationId = locationId;
    }

    public void changeStatus(Status status) {
        this.status = status;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public UUID leaderId() {
        return leaderId;
    }

    public BigDecimal capacityHoursPerDay() {
        return capacityHoursPerDay;
    }

    public UUID locationId() {
        return locationId;
    }

    public Status status() {
        return status;
    }
}
