package io.traveler.projects.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface ActionRecords extends JpaRepository<ActionRecord, UUID> {
    @Query("select r from ActionRecord r where r.stageInstanceId = :stageId and r.stageEntry = :entry")
    List<ActionRecord> findOfEntry(UUID stageId, int entry);

    @Query("""
            select r from ActionRecord r
             where r.stageInstanceId = :stageId and r.stageEntry = :entry and r.actionId = :actionId""")
    Optional<ActionRecord> findOne(UUID stageId, int entry, UUID actionId);

    @Query("""
            select r from ActionRecord r where r.stageInstanceId in
                (select s.id from StageInstance s where s.projectId = :projectId)
             order by r.at, r.id""")
    List<ActionRecord> findOfProject(UUID projectId);
}
