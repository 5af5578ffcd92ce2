package io.traveler.configurator.internal;

import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface Configurations extends JpaRepository<Configuration, UUID> {
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from Configuration c where c.id = :id")
    Optional<Configuration> findLocked(UUID id);

    Optional<Configuration> findByOrderLineId(UUID orderLineId);

    List<Configuration> findByIdIn(Collection<UUID> ids);
}
