package io.traveler.projects.internal;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface StageInstances extends JpaRepository<StageInstance, UUID> {
    @Query("select s from StageInstance s where s.projectId = :projectId order by s.position")
    List<StageInstance> findOfProject(UUID projectId);

    @Query("select s from StageInstance s where s.projectId in :projectIds order by s.projectId, s.position")
    List<StageInstance> findOfProjects(Collection<UUID> projectIds);

    List<StageInstance> findByIdIn(Collection<UUID> ids);
}
