package io.traveler.shared.security;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The permission catalogue: {@code resource:action} codes checked on every endpoint. Modules add their codes
 * here when they arrive; built-in roles are defined over this list in {@code accounts}.
 */
public enum Permission {
    ORGANIZATIONS_READ("organizations:read"),
    ORGANIZATIONS_UPDATE("organizations:update"),
    USERS_READ("users:read"),
    USERS_MANAGE("users:manage"),
    ROLES_READ("roles:read"),
    ROLES_MANAGE("roles:manage"),
    EMPLOYEES_READ("employees:read"),
    EMPLOYEES_CREATE("employees:create"),
    EMPLOYEES_UPDATE("employees:update"),
    EMPLOYEES_DELETE("employees:delete"),
    STATIONS_READ("stations:read"),
    STATIONS_CREATE("stations:create"),
    STATIONS_UPDATE("stations:update"),
    STATIONS_DELETE("stations:delete"),
    LOCATIONS_READ("locations:read"),
    LOCATIONS_CREATE("locations:create"),
    LOCATIONS_UPDATE("locations:update"),
    LOCATIONS_DELETE("locations:delete"),
    API_KEYS_READ("api_keys:read"),
    API_KEYS_MANAGE("api_keys:manage"),
    PARTNERSHIPS_READ("partnerships:read"),
    PARTNERSHIPS_MANAGE("partnerships:manage"),
    SETTINGS_READ("settings:read"),
    SETTINGS_UPDATE("settings:update"),
    AUDIT_READ("audit:read"),
    CUSTOMERS_READ("customers:read"),
    CUSTOMERS_MANAGE("customers:manage"),
    CATALOG_READ("catalog:read"),
    CATALOG_MANAGE("catalog:manage"),
    BOMS_APPROVE("boms:approve"),
    ORDERS_READ("orders:read"),
    ORDERS_CREATE("orders:create"),
    ORDERS_UPDATE("orders:update"),
    ORDERS_APPROVE("orders:approve"),
    PROJECTS_READ("projects:read"),
    PROJECTS_MANAGE("projects:manage"),
    TASKS_READ("tasks:read"),
    TASKS_MANAGE("tasks:manage"),
    TIME_LOG("time:log"),
    PRODUCTION_SCAN("production:scan"),
    INVENTORY_READ("inventory:read"),
    INVENTORY_MANAGE("inventory:manage"),
    QUALITY_READ("quality:read"),
    QUALITY_INSPECT("quality:inspect"),
    QUALITY_MANAGE("quality:manage"),
    SALES_READ("sales:read"),
    SALES_MANAGE("sales:manage"),
    FULFILLMENT_MANAGE("fulfillment:manage"),
    ANALYTICS_READ("analytics:read"),
    /** Scraping {@code /actuator/prometheus} on the application's port. */
    METRICS_READ("metrics:read");

    private final String code;

    Permission(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Set<String> allCodes() {
        return Arrays.stream(values()).map(Permission::code).collect(Collectors.toUnmodifiableSet());
    }

    public static boolean isKnown(String code) {
        return Arrays.stream(values()).anyMatch(p -> p.code.equals(code));
    }
}
