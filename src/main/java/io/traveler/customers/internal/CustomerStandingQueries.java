package io.traveler.customers.internal;

import io.traveler.customers.CustomerStandings;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class CustomerStandingQueries implements CustomerStandings {
    private final Customers customers;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

    CustomerStandingQueries(Customers customers, org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        this.customers = customers;
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.List<CustomerStanding> choices(int limit) {
        return jdbc.sql("""
                        select id, code, name, status, credit_limit from customers.customers
                         where org_id = :org
                         order by name, id limit :limit""")
                .param("org", io.traveler.shared.tenancy.TenantContext.requireOrgId())
                .param("limit", limit)
                .query((rs, n) -> new CustomerStanding(
                        rs.getObject("id", UUID.class),
                        rs.getString("code"),
                        rs.getString("name"),
                        rs.getString("status"),
                        rs.getBigDecimal("credit_limit")))
                .list();
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Map<UUID, CustomerStanding> standingsOf(java.util.Collection<UUID> customerIds) {
        java.util.Map<UUID, CustomerStanding> found = new java.util.HashMap<>();
        customers.findAllById(customerIds).forEach(c -> found.put(c.id(), standing(c)));
        return found;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<CustomerStanding> standingOf(UUID customerId) {
        return customers.findById(customerId).map(CustomerStandingQueries::standing);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<CustomerStanding> standingByCode(String code) {
        return customers.findByCode(code).map(CustomerStandingQueries::standing);
    }

    private static CustomerStanding standing(Customer c) {
        return new CustomerStanding(c.id(), c.code(), c.name(), c.status().name(), c.creditLimit());
    }
}
