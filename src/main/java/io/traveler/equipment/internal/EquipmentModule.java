package io.traveler.equipment.internal;

import static io.traveler.shared.security.StandardRole.*;

import io.traveler.shared.modules.ModuleContribution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The equipment module's permissions and their holders: the floor sees equipment and logs the maintenance it does;
 * the production manager keeps the equipment and its plans. Pages add their own navigation entries.
 */
@Configuration(proxyBeanMethods = false)
class EquipmentModule {
    @Bean
    ModuleContribution equipmentContribution() {
        return ModuleContribution.of("equipment")
                .permission("equipment:read", "See equipment, maintenance plans and logs, and what is due")
                .permission("equipment:maintain", "Log maintenance done and change equipment status")
                .permission("equipment:manage", "Add and change equipment and maintenance plans")
                .grant(PRODUCTION_MANAGER, "equipment:read", "equipment:maintain", "equipment:manage")
                .grant(TECHNICIAN, "equipment:read", "equipment:maintain")
                .grant(QC_INSPECTOR, "equipment:read")
                .grant(DESIGNER, "equipment:read")
                .build();
    }
}
