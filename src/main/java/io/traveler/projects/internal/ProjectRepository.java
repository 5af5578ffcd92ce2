package io.traveler.projects.internal;

import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

/** The current organization's projects (the entity's restriction and row-level security scope every read). */
public interface ProjectRepository extends JpaRepository<Project, UUID> {
    /** The project locked for a move, a change of status or an edit: moves of one project run one at a time. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from Project p where p.id = :id")
    Optional<Project> findLocked(UUID id);

    @Query("select p from Project p where p.orderId = :orderId order by p.createdAt, p.id")
    List<Project> findOfOrder(UUID orderId);

    List<Project> findByIdIn(Collection<UUID> ids);
}
