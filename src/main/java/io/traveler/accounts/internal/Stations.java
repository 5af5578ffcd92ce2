package io.traveler.accounts.internal;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface Stations extends JpaRepository<Station, UUID> {
    List<Station> findByLeaderId(UUID leaderId);

    boolean existsByLocationId(UUID locationId);
}
