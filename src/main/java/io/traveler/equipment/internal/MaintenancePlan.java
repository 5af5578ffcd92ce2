package io.traveler.equipment.internal;

import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.TenantOwned;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Maintenance of one piece of equipment every so many days and/or hours of use, whichever comes first, counted from
 * when it was last done. The database keeps the next due date and hours as generated columns of the same figures.
 */
@Entity
@Table(schema = "equipment", name = "maintenance_plans")
public class MaintenancePlan extends TenantOwned {
    private UUID equipmentId;
    private String name;
    private String instructions;
    private Integer intervalDays;
    private BigDecimal intervalHours;
    private LocalDate lastDoneOn;
    private BigDecimal lastDoneHours;

    protected MaintenancePlan() {}

    public MaintenancePlan(UUID equipmentId, String name, LocalDate startsOn, BigDecimal hoursAtStart) {
        this.equipmentId = equipmentId;
        rename(name);
        this.lastDoneOn = startsOn;
        this.lastDoneHours = hoursAtStart.setScale(2, RoundingMode.HALF_UP);
    }

    public void rename(String name) {
        this.name = name.trim();
    }

    public void instruct(String instructions) {
        this.instructions = instructions;
    }

    /** Every {@code days} and/or every {@code hours} of use: at least one. */
    public void every(Integer days, BigDecimal hours) {
        if (days == null && hours == null) {
            throw new ValidationException("interval_days", "give interval_days, interval_hours or both");
        }
        this.intervalDays = days;
        this.intervalHours = hours == null ? null : hours.setScale(2, RoundingMode.HALF_UP);
    }

    /** Maintenance done on {@code day} at {@code hours} of use; an older record does not move the plan back. */
    public void doneOn(LocalDate day, BigDecimal hours) {
        if (day.isAfter(lastDoneOn)) {
            lastDoneOn = day;
        }
        if (hours.compareTo(lastDoneHours) > 0) {
            lastDoneHours = hours.setScale(2, RoundingMode.HALF_UP);
        }
    }

    /** Counted from another start (a correction, or a plan that began earlier). */
    public void countFrom(LocalDate day, BigDecimal hours) {
        this.lastDoneOn = day;
        this.lastDoneHours = hours.setScale(2, RoundingMode.HALF_UP);
    }

    public LocalDate nextDueOn() {
        return intervalDays == null ? null : lastDoneOn.plusDays(intervalDays);
    }

    public BigDecimal nextDueHours() {
        return intervalHours == null ? null : lastDoneHours.add(intervalHours);
    }

    public UUID equipmentId() {
        return equipmentId;
    }

    public String name() {
        return name;
    }

    public String instructions() {
        return instructions;
    }

    public Integer intervalDays() {
        return intervalDays;
    }

    public BigDecimal intervalHours() {
        return intervalHours;
    }

    public LocalDate lastDoneOn() {
        return lastDoneOn;
    }

    public BigDecimal lastDoneHours() {
        return lastDoneHours;
    }
}
