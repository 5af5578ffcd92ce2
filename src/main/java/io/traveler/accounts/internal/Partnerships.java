package io.traveler.accounts.internal;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface Partnerships extends JpaRepository<Partnership, UUID> {
    boolean existsByBrandOrgIdAndFactoryOrgIdAndStatusNot(
            UUID brandOrgId, UUID factoryOrgId, Partnership.Status status);
}
