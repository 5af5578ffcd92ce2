package io.traveler.customers.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface Contacts extends JpaRepository<Contact, UUID> {
    List<Contact> findByCustomerIdOrderByPrimaryDescNameAscIdAsc(UUID customerId);

    Optional<Contact> findByIdAndCustomerId(UUID id, UUID customerId);

    Optional<Contact> findByCustomerIdAndPrimaryTrue(UUID customerId);

    long countByCustomerId(UUID customerId);
}
