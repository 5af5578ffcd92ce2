package io.traveler.workflows.internal;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface StationTaskTemplateStore extends JpaRepository<StationTaskTemplate, UUID> {
    List<StationTaskTemplate> findByStationIdOrderBySequenceAscTitleAscIdAsc(UUID stationId);

    @Query("select coalesce(max(t.sequence), 0) from StationTaskTemplate t where t.stationId = ?1")
    int lastSequence(UUID stationId);
}
