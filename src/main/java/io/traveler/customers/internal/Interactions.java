package io.traveler.customers.internal;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface Interactions extends JpaRepository<Interaction, UUID> {
    Optional<Interaction> findByIdAndCustomerId(UUID id, UUID customerId);
}
