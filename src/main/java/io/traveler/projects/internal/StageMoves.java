package io.traveler.projects.internal;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface StageMoves extends JpaRepository<StageMove, UUID> {
    @Query("select m from StageMove m where m.projectId = :projectId order by m.at, m.id")
    List<StageMove> findOfProject(UUID projectId);
}
