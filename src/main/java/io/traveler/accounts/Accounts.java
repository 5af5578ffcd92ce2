package io.traveler.accounts;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The accounts module's API for other modules. */
public interface Accounts {
    record OrganizationRef(UUID id, String name, String kind) {}

    /** The organizations the current user is an active member of. */
    List<OrganizationRef> myOrganizations();

    boolean isActivePartner(UUID brandOrgId, UUID factoryOrgId);

    /** The factories the current organization has an ACTIVE partnership with, by name. */
    List<OrganizationRef> activeFactories();

    Optional<String> organizationName(UUID orgId);
    /** A station of the current organization, as the production modules name and check it. */
    record StationRef(UUID id, String name, boolean active) {}

    /** An employee of the current organization: their own hourly rate (null when none is set) and their stations. */
    record EmployeeRef(
            UUID id, String name, UUID userId, BigDecimal hourlyRate, boolean active, List<UUID> stationIds) {}

    Optional<StationRef> station(UUID stationId);

    /** The current organization's stations among {@code stationIds}, in one query. */
    Map<UUID, StationRef> stations(Collection<UUID> stationIds);

    /** The current organization's stations, by name. */
    List<StationRef> allStations();

    Optional<EmployeeRef> employee(UUID employeeId);

    /** The current organization's employees among {@code employeeIds}, in one query. */
    Map<UUID, EmployeeRef> employees(Collection<UUID> employeeIds);

    /** The current organization's employees, by name. */
    List<EmployeeRef> allEmployees();

    /** The employee record linked to this user in the current organization, if there is one. */
    Optional<EmployeeRef> employeeOfUser(UUID userId);

    /**
     * A location of the current organization's tree (a SITE, an AREA in a site, a BIN in an area), as stock is kept
     * at it: {@code path} names it from its site down ("MAIN / Shelves / B-12").
     */
    record LocationRef(UUID id, String code, String name, String kind, UUID parentId, String path) {}

    /** The current organization's locations among {@code locationIds}, in one query; another's are absent. */
    Map<UUID, LocationRef> locations(Collection<UUID> locationIds);

    /** The current organization's locations, in tree order (each site, then its areas, each with its bins). */
    List<LocationRef> allLocations();

    /** The current organization's location with this code (as a scanned location barcode names it). */
    Optional<LocationRef> locationByCode(String code);
}
