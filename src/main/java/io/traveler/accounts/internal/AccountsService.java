package io.traveler.accounts.internal;

import io.traveler.accounts.Accounts;
import io.traveler.shared.ActorNames;
import io.traveler.shared.tenancy.TenantContext;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class AccountsService implements Accounts, ActorNames {
    private final JdbcClient jdbc;

    AccountsService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(readOnly = true)
    public List<OrganizationRef> myOrganizations() {
        UUID userId = TenantContext.actorId().orElseThrow();
        jdbc.sql("select set_config('app.actor_id', :user, true)")
                .param("user", userId.toString())
                .query()
                .singleValue();
        return jdbc.sql("""
                        select o.id, o.name, o.kind from accounts.memberships m
                          join accounts.organizations o on o.id = m.org_id
                         where m.user_id = :user and m.status = 'ACTIVE' order by o.name, o.id
                        """)
                .param("user", userId)
                .query((rs, n) -> new OrganizationRef(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
                .list();
    }

    @Override
    @Transactional(readOnly = true)
    public boolean isActivePartner(UUID brandOrgId, UUID factoryOrgId) {
        return jdbc.sql("""
                        select exists (select 1 from accounts.partnerships
                                        where brand_org_id = :brand and factory_org_id = :factory and status = 'ACTIVE')
                        """)
                .param("brand", brandOrgId)
                .param("factory", factoryOrgId)
                .query(Boolean.class)
                .single();
    }

    @Override
    @Transactional(readOnly = true)
    public List<OrganizationRef> activeFactories() {
        return jdbc.sql("""
                        select o.id, o.name, o.kind from accounts.partnerships p
                          join accounts.organizations o on o.id = p.factory_org_id
                         where p.brand_org_id = :org and p.status = 'ACTIVE' order by o.name, o.id
                        """)
                .param("org", TenantContext.requireOrgId())
                .query((rs, n) -> new OrganizationRef(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
                .list();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<String> organizationName(UUID orgId) {
        return jdbc.sql("select name from accounts.organizations where id = :id")
                .param("id", orgId)
                .query(String.class)
                .optional();
    }

    /** Users through their membership in the current organization, API keys by their own name. */
    @Override
    @Transactional(readOnly = true)
    public Map<UUID, String> namesOf(Collection<UUID> actorIds) {
        Map<UUID, String> names = new HashMap<>();
        if (actorIds.isEmpty()) {
            return names;
        }
        jdbc.sql("""
                        select u.id, u.name from accounts.users u
                          join accounts.memberships m on m.user_id = u.id and m.org_id = :org
                         where u.id in (:ids)
                        union all
                        select k.id, k.name || ' (API key)' from accounts.api_keys k where k.org_id = :org and k.id in (:ids)
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("ids", List.copyOf(actorIds))
                .query(rs -> {
                    names.put(rs.getObject(1, UUID.class), rs.getString(2));
                });
        return names;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<StationRef> station(UUID stationId) {
        return stations(List.of(stationId)).values().stream().findFirst();
    }

    private static final String LOCATION_TREE = """
            with recursive tree as (
                select id, code, name, kind, parent_id, name::text as path, array[code] as sort_key
                  from accounts.locations where org_id = :org and parent_id is null
                union all
                select l.id, l.code, l.name, l.kind, l.parent_id, t.path || ' / ' || l.name, t.sort_key || l.code
                  from accounts.locations l join tree t on l.parent_id = t.id
                 where l.org_id = :org
            )
            select id, code, name, kind, parent_id, path from tree
            """;

    @Override
    @Transactional(readOnly = true)
    public Map<UUID, LocationRef> locations(Collection<UUID> locationIds) {
        Map<UUID, LocationRef> found = new HashMap<>();
        if (locationIds.isEmpty()) {
            return found;
        }
        Set<UUID> wanted = Set.copyOf(locationIds);
        for (LocationRef location : allLocations()) {
            if (wanted.contains(location.id())) {
                found.put(location.id(), location);
            }
        }
        return found;
    }

    @Override
    @Transactional(readOnly = true)
    public List<LocationRef> allLocations() {
        return jdbc.sql(LOCATION_TREE + " order by sort_key")
                .param("org", TenantContext.requireOrgId())
                .query((rs, n) -> new LocationRef(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getObject(5, UUID.class),
                        rs.getString(6)))
                .list();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<LocationRef> locationByCode(String code) {
        if (code == null || code.isBlank() || code.length() > 50) {
            return Optional.empty();
        }
        String wanted = code.trim();
        return allLocations().stream()
                .filter(l -> l.code().equalsIgnoreCase(wanted))
                .findFirst();
    }

    @Override
    @Transactional(readOnly = true)
    public Map<UUID, StationRef> stations(Collection<UUID> stationIds) {
        Map<UUID, StationRef> found = new HashMap<>();
        if (stationIds.isEmpty()) {
            return found;
        }
        jdbc.sql("select id, name, status from accounts.stations where org_id = :org and id in (:ids)")
                .param("org", TenantContext.requireOrgId())
                .param("ids", List.copyOf(stationIds))
                .query(rs -> {
                    UUID id = rs.getObject(1, UUID.class);
                    found.put(id, new StationRef(id, rs.getString(2), "ACTIVE".equals(rs.getString(3))));
                });
        return found;
    }

    @Override
    @Transactional(readOnly = true)
    public List<StationRef> allStations() {
        return jdbc.sql("select id, name, status from accounts.stations where org_id = :org order by name, id")
                .param("org", TenantContext.requireOrgId())
                .query((rs, n) ->
                        new StationRef(rs.getObject(1, UUID.class), rs.getString(2), "ACTIVE".equals(rs.getString(3))))
                .list();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<EmployeeRef> employee(UUID employeeId) {
        return employees(List.of(employeeId)).values().stream().findFirst();
    }

    @Override
    @Transactional(readOnly = true)
    public Map<UUID, EmployeeRef> employees(Collection<UUID> employeeIds) {
        Map<UUID, EmployeeRef> found = new HashMap<>();
        if (employeeIds.isEmpty()) {
            return found;
        }
        employeesWhere("e.id in (:value)", List.copyOf(employeeIds)).forEach(e -> found.put(e.id(), e));
        return found;
    }

    @Override
    @Transactional(readOnly = true)
    public List<EmployeeRef> allEmployees() {
        return employeesWhere("true", null);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<EmployeeRef> employeeOfUser(UUID userId) {
        return employeesWhere("e.user_id = :value", userId).stream().findFirst();
    }

    private List<EmployeeRef> employeesWhere(String condition, Object value) {
        var statement = jdbc.sql("""
                        select e.id, e.name, e.user_id, e.hourly_rate, e.status,
                               coalesce(array_agg(m.station_id order by m.station_id)
                                        filter (where m.station_id is not null), '{}')
                          from accounts.employees e
                          left join accounts.station_members m on m.org_id = e.org_id and m.employee_id = e.id
                         where e.org_id = :org and %s
                         group by e.id
                         order by e.name, e.id
                        """.formatted(condition)).param("org", TenantContext.requireOrgId());
        if (value != null) {
            statement = statement.param("value", value);
        }
        return statement
                .query((rs, n) -> new EmployeeRef(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getObject(3, UUID.class),
                        rs.getBigDecimal(4),
                        "ACTIVE".equals(rs.getString(5)),
                        List.of((UUID[]) rs.getArray(6).getArray())))
                .list();
    }
}
