package io.traveler.accounts.internal;

import io.traveler.shared.jpa.TenantOwned;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;

/** An employee's membership of a station (many-to-many); audited like any other change. */
@Entity
@Table(schema = "accounts", name = "station_members")
public class StationMember extends TenantOwned {
    private UUID stationId;
    private UUID employeeId;

    protected StationMember() {}

    public StationMember(UUID stationId, UUID employeeId) {
        this.stationId = stationId;
        this.employeeId = employeeId;
    }

    public UUID stationId() {
        return stationId;
    }

    public UUID employeeId() {
        return employeeId;
    }
}
