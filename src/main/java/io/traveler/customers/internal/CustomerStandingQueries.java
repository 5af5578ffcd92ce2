package io.traveler.customers.internal;

import io.traveler.customers.CustomerStandings;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class CustomerStandingQueries implements CustomerStandings {
    private final Customers customers;

    CustomerStandingQueries(Customers customers) {
        this.customers = customers;
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
