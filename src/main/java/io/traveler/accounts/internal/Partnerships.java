package io.traveler.accounts.internal;

import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.repository.JpaRepository;

public interface Partnerships extends JpaRepository<Partnership, UUID> {
    /** The partnerships one organization is a side of. */
    List<Partnership> findByBrandOrgIdOrFactoryOrgId(UUID brandOrgId, UUID factoryOrgId, Sort sort);

    boolean existsByBrandOrgIdAndFactoryOrgIdAndStatusNot(
            UUID brandOrgId, UUID factoryOrgId, Partnership.Status status);
}
