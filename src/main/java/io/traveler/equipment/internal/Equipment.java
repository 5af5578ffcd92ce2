package io.traveler.equipment.internal;

import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.TenantOwned;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.UUID;

/** A tool, machine or fixture: what it is, where it stands, its state and its hours of use. */
@Entity
@Table(schema = "equipment", name = "equipment")
public class Equipment extends TenantOwned {
    public enum Kind {
        TOOL,
        MACHINE,
        FIXTURE
    }

    public enum Status {
        AVAILABLE,
        IN_USE,
        MAINTENANCE,
        OUT_OF_SERVICE,
        RETIRED
    }

    private String code;
    private String name;

    @Enumerated(EnumType.STRING)
    private Kind kind;

    @Enumerated(EnumType.STRING)
    private Status status = Status.AVAILABLE;

    private UUID locationId;
    private UUID stationId;
    private String serialNumber;
    private String notes;
    private BigDecimal hoursUsed = BigDecimal.ZERO;

    protected Equipment() {}

    public Equipment(String code, String name, Kind kind) {
        recode(code);
        rename(name);
        this.kind = kind;
    }

    public void recode(String code) {
        this.code = code.trim();
    }

    public void rename(String name) {
        this.name = name.trim();
    }

    public void classify(Kind kind) {
        this.kind = kind;
    }

    public void changeStatus(Status status) {
        this.status = status;
    }

    public void placeAt(UUID locationId, UUID stationId) {
        this.locationId = locationId;
        this.stationId = stationId;
    }

    public void describe(String serialNumber, String notes) {
        this.serialNumber = serialNumber;
        this.notes = notes;
    }

    /** Hours of use since the last reading; the meter only goes forward. */
    public void use(BigDecimal hours) {
        if (hours.signum() <= 0) {
            throw new ValidationException("hours", "must be more than 0");
        }
        hoursUsed = hoursUsed.add(hours).setScale(2, RoundingMode.HALF_UP);
    }

    /** The meter as read on the equipment: never below what it showed before. */
    public void readMeter(BigDecimal reading) {
        reading = reading.setScale(2, RoundingMode.HALF_UP);
        if (reading.compareTo(hoursUsed) < 0) {
            throw new ConflictException(
                    code + " has already run " + hoursUsed.toPlainString() + " hours; a meter reading cannot be lower");
        }
        hoursUsed = reading;
    }

    public boolean retired() {
        return status == Status.RETIRED;
    }

    public String code() {
        return code;
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    public Status status() {
        return status;
    }

    public UUID locationId() {
        return locationId;
    }

    public UUID stationId() {
        return stationId;
    }

    public String serialNumber() {
        return serialNumber;
    }

    public String notes() {
        return notes;
    }

    public BigDecimal hoursUsed() {
        return hoursUsed;
    }
}
