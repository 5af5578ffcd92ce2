package io.traveler.customers.internal;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface Customers extends JpaRepository<Customer, UUID> {
    Optional<Customer> findByCode(String code);

    @Query("select c from Customer c where lower(c.email) = lower(?1)")
    Optional<Customer> findByEmailIgnoringCase(String email);
}
