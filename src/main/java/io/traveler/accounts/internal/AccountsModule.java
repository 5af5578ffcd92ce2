package io.traveler.accounts.internal;

import static io.traveler.shared.security.StandardRole.*;

import io.traveler.shared.modules.ModuleContribution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What accounts adds to the application: its permissions and their holders, its pages and its counts. */
@Configuration(proxyBeanMethods = false)
class AccountsModule {
    @Bean
    ModuleContribution accountsContribution(JdbcClient jdbc) {
        return ModuleContribution.of("accounts")
                .permission("organizations:read", "See the organization's details")
                .permission("organizations:update", "Change the organization's details")
                .permission("users:read", "See the members and their roles")
                .permission("users:manage", "Invite, suspend and remove members, assign roles, see the mail outbox")
                .permission("roles:read", "See roles and their permissions")
                .permission("roles:manage", "Create, change and delete custom roles")
                .permission("employees:read", "See employees")
                .permission("employees:create", "Add employees")
                .permission("employees:update", "Change employees")
                .permission("employees:delete", "Remove employees")
                .permission("stations:read", "See stations")
                .permission("stations:create", "Add stations")
                .permission("stations:update", "Change stations")
                .permission("stations:delete", "Remove stations")
                .permission("locations:read", "See locations")
                .permission("locations:create", "Add locations")
                .permission("locations:update", "Change locations")
                .permission("locations:delete", "Remove locations")
                .permission("api_keys:read", "See API keys")
                .permission("api_keys:manage", "Create and revoke API keys")
                .permission("partnerships:read", "See partnerships between brands and factories")
                .permission("partnerships:manage", "Invite, accept and end partnerships")
                .grant(
                        PRODUCTION_MANAGER,
                        "organizations:read",
                        "users:read",
                        "roles:read",
                        "employees:read",
                        "employees:create",
                        "employees:update",
                        "stations:read",
                        "stations:create",
                        "stations:update",
                        "stations:delete",
                        "locations:read",
                        "locations:create",
                        "locations:update",
                        "locations:delete",
                        "partnerships:read")
                .grant(SALES_MANAGER, "organizations:read", "employees:read", "stations:read", "partnerships:read")
                .grant(QC_INSPECTOR, "organizations:read", "employees:read", "stations:read", "locations:read")
                .grant(TECHNICIAN, "organizations:read", "employees:read", "stations:read", "locations:read")
                .grant(CUSTOMER_SERVICE, "organizations:read")
                .grant(FINANCE, "organizations:read", "employees:read", "stations:read")
                .grant(DESIGNER, "organizations:read", "employees:read", "stations:read")
                .grant(BRAND_USER, "organizations:read", "partnerships:read")
                .navigation(10, "Employees", "/app/employees", "employees:read")
                .navigation(20, "Stations", "/app/stations", "stations:read")
                .navigation(30, "Locations", "/app/locations", "locations:read")
                .navigation(40, "Users", "/app/users", "users:read")
                .navigation(50, "Roles", "/app/roles", "roles:read")
                .navigation(60, "API keys", "/app/api-keys", "api_keys:read")
                .navigation(70, "Outbox", "/app/outbox", "users:manage")
                .navigation(100, "Partnerships", "/app/partnerships", "partnerships:read")
                .navigation(110, "Organization", "/app/organization/details", "organizations:read")
                .tile(10, "Employees", "/app/employees", "employees:read", jdbc, """
                        select count(*) from accounts.employees where org_id = :org and status = 'ACTIVE'""")
                .tile(20, "Stations", "/app/stations", "stations:read", jdbc, """
                        select count(*) from accounts.stations where org_id = :org and status = 'ACTIVE'""")
                .tile(30, "Locations", "/app/locations", "locations:read", jdbc, """
                        select count(*) from accounts.locations where org_id = :org""")
                .tile(40, "Members", "/app/users", "users:read", jdbc, """
                        select count(*) from accounts.memberships where org_id = :org and status = 'ACTIVE'""")
                .tile(50, "Active partners", "/app/partnerships", "partnerships:read", jdbc, """
                        select count(*) from accounts.partnerships
                         where status = 'ACTIVE' and :org in (brand_org_id, factory_org_id)""")
                .build();
    }
}
