package io.traveler.equipment.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface MaintenancePlans extends JpaRepository<MaintenancePlan, UUID> {
    List<MaintenancePlan> findByEquipmentIdOrderByNameAscIdAsc(UUID equipmentId);

    Optional<MaintenancePlan> findByEquipmentIdAndName(UUID equipmentId, String name);
}
