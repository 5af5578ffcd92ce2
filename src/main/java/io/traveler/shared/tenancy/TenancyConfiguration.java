package io.traveler.shared.tenancy;

import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import org.hibernate.cfg.MultiTenancySettings;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
class TenancyConfiguration {

    @Bean
    HibernatePropertiesCustomizer tenantIdentifierResolver() {
        var resolver = new TenantIdentifierResolver();
        return properties -> properties.put(MultiTenancySettings.MULTI_TENANT_IDENTIFIER_RESOLVER, resolver);
    }

    @Bean
    PlatformTransactionManager transactionManager(EntityManagerFactory emf, Environment env) {
        return new TenantAwareTransactionManager(
                emf, env.getProperty("traveler.db.statement-timeout", Duration.class, Duration.ofSeconds(5)));
    }
}
