package io.traveler.audit.internal;

import static io.traveler.shared.security.StandardRole.*;

import io.traveler.audit.AuditTrail;
import io.traveler.shared.modules.ModuleContribution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What audit adds to the application: its permission, its holders and its page. */
@Configuration(proxyBeanMethods = false)
class AuditModule {
    @Bean
    ModuleContribution auditContribution() {
        return ModuleContribution.of("audit")
                .permission(AuditTrail.READ, "See who changed what and when")
                .grant(FINANCE, AuditTrail.READ)
                .navigation(130, "Audit", "/app/audit", AuditTrail.READ)
                .build();
    }
}
