package io.traveler.shared.tenancy;

import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
class TenancyConfiguration {

    @Bean
    PlatformTransactionManager transactionManager(EntityManagerFactory emf, Environment env) {
        return new TenantAwareTransactionManager(
                emf, env.getProperty("traveler.db.statement-timeout", Duration.class, Duration.ofSeconds(5)));
    }
}
