package io.traveler.equipment.internal;

import io.traveler.shared.modules.ModuleContribution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The equipment pages in the navigation, and the maintenance due today on the home page. */
@Configuration(proxyBeanMethods = false)
class EquipmentPagesContribution {
    @Bean
    ModuleContribution equipmentNavigation(MaintenanceSchedule schedule) {
        return ModuleContribution.of("equipment")
                .navigation(84, "Equipment", "/app/equipment", "equipment:read")
                .tile(84, "Maintenance due", "/app/equipment/maintenance", "equipment:read", schedule::dueNow)
                .build();
    }
}
