package io.traveler.accounts.internal;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface Locations extends JpaRepository<Location, UUID> {
    boolean existsByParentId(UUID parentId);
}
