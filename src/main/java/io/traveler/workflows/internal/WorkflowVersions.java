package io.traveler.workflows.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** The stored versions of the organization's workflows. */
public interface WorkflowVersions extends JpaRepository<WorkflowVersion, UUID> {
    List<WorkflowVersion> findByFamilyIdOrderByVersionNoDesc(UUID familyId);

    Optional<WorkflowVersion> findByFamilyIdAndStatus(UUID familyId, WorkflowVersion.Status status);

    @Query("select coalesce(max(w.versionNo), 0) from WorkflowVersion w where w.familyId = ?1")
    int lastVersionNo(UUID familyId);

    long countByStatus(WorkflowVersion.Status status);
}
