package io.traveler.projects.internal;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface DesignDocs extends JpaRepository<DesignDoc, UUID> {
    @Query("select d from DesignDoc d where d.projectId = :projectId order by d.createdAt, d.id")
    List<DesignDoc> findOfProject(UUID projectId);

    @Query("select d from DesignDoc d where d.projectId = :projectId and d.id in :ids")
    List<DesignDoc> findOfProject(UUID projectId, Collection<UUID> ids);
}
