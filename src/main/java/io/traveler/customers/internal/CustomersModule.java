package io.traveler.customers.internal;

import static io.traveler.shared.security.StandardRole.*;

import io.traveler.shared.modules.ModuleContribution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the customers module adds: its permissions and their holders, its page, its count and its search. */
@Configuration(proxyBeanMethods = false)
class CustomersModule {
    @Bean
    ModuleContribution customersContribution(JdbcClient jdbc, CustomerSearch search) {
        return ModuleContribution.of("customers")
                .permission("customers:read", "See customers and their contacts")
                .permission("customers:write", "Add, change and delete customers and their contacts")
                .grant(SALES_MANAGER, "customers:read", "customers:write")
                .grant(CUSTOMER_SERVICE, "customers:read", "customers:write")
                .grant(FINANCE, "customers:read")
                .grant(PRODUCTION_MANAGER, "customers:read")
                .navigation(75, "Customers", "/app/customers", "customers:read")
                .tile(55, "Customers", "/app/customers", "customers:read", () -> jdbc.sql("""
                                select count(*) from customers.customers""")
                        .query(Long.class)
                        .single())
                .search(
                        "customers",
                        "Customers",
                        "customers:read",
                        "/app/customers/{id}",
                        "/api/customers/{id}",
                        search::hits)
                .build();
    }
}
