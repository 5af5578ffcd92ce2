package io.traveler.catalog.internal;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** What the import handlers are built from: the jobs' statement budget and the bound on a file's rows. */
@Configuration(proxyBeanMethods = false)
class ImportTasks {
    @Bean
    ImportHandler.Imports imports(
            JdbcClient jdbc,
            PlatformTransactionManager transactionManager,
            @Value("${traveler.jobs.statement-timeout:5m}") Duration statementTimeout,
            @Value("${traveler.imports.max-rows:250000}") long maxRows) {
        return new ImportHandler.Imports(jdbc, transactionManager, statementTimeout, maxRows);
    }
}
