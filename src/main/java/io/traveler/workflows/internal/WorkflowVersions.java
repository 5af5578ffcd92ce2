package io.traveler.workflows.internal;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

/** The stored versions of the organization's workflows. */
public interface WorkflowVersions extends JpaRepository<WorkflowVersion, UUID> {
    /** The version's row locked: edits of one version happen one after another, each seeing the one before. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select w from WorkflowVersion w where w.id = ?1")
    Optional<WorkflowVersion> findLocked(UUID id);

    List<WorkflowVersion> findByFamilyIdOrderByVersionNoDesc(UUID familyId);

    List<WorkflowVersion> findByStatusOrderByNameAscIdAsc(WorkflowVersion.Status status);

    Optional<WorkflowVersion> findByFamilyIdAndStatus(UUID familyId, WorkflowVersion.Status status);

    @Query("select coalesce(max(w.versionNo), 0) from WorkflowVersion w where w.familyId = ?1")
    int lastVersionNo(UUID familyId);

    long countByStatus(WorkflowVersion.Status status);
}
