package io.traveler.accounts.internal;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface StationMembers extends JpaRepository<StationMember, UUID> {
    List<StationMember> findByStationIdIn(Collection<UUID> stationIds);

    List<StationMember> findByEmployeeIdIn(Collection<UUID> employeeIds);

    List<StationMember> findByStationId(UUID stationId);

    List<StationMember> findByEmployeeId(UUID employeeId);
}
