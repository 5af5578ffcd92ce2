package io.traveler.customers.internal;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface QuoteStore extends JpaRepository<Quote, UUID> {
    boolean existsByCustomerId(UUID customerId);
}
