package io.traveler.customers.internal;

import static io.traveler.shared.security.StandardRole.*;

import io.traveler.shared.modules.ModuleContribution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the customers module adds: its permissions and their holders, its pages, its count and its search. Quotes
 * have permissions of their own because they carry prices and terms: the old catalogue's sales:read and
 * sales:manage, whose holders they keep (sales and finance write them, customer service reads them), while
 * production, which reads customers, does not see what they were offered. The timeline belongs to the customer
 * (customers:read and customers:write), and so do the import (customers:write) and the export (customers:read).
 */
@Configuration(proxyBeanMethods = false)
class CustomersModule {
    @Bean
    ModuleContribution customersContribution(JdbcClient jdbc, CustomerSearch search) {
        return ModuleContribution.of("customers")
                .permission("customers:read", "See customers and their contacts")
                .permission(
                        "customers:write",
                        "Add, change, import and delete customers, their contacts and their timeline")
                .permission("quotes:read", "See quotes, their lines, totals and PDFs")
                .permission("quotes:write", "Draft, price, send, reject and delete quotes")
                .grant(SALES_MANAGER, "customers:read", "customers:write", "quotes:read", "quotes:write")
                .grant(CUSTOMER_SERVICE, "customers:read", "customers:write", "quotes:read")
                .grant(FINANCE, "customers:read", "quotes:read", "quotes:write")
                .grant(PRODUCTION_MANAGER, "customers:read")
                .navigation(75, "Customers", "/app/customers", "customers:read")
                .navigation(76, "Quotes", "/app/quotes", "quotes:read")
                .tile(55, "Customers", "/app/customers", "customers:read", jdbc, """
                        select count(*) from customers.customers where org_id = :org""")
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
