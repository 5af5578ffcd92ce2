package io.traveler.accounts.internal;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface Memberships extends JpaRepository<Membership, UUID> {
    Optional<Membership> findByUserId(UUID userId);
}
