package io.traveler.accounts.internal;

import static io.traveler.shared.security.Permission.*;

import io.traveler.shared.security.Permission;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** The roles of DOMAIN.md, seeded in every new organization. */
public enum BuiltInRole {
    ADMINISTRATOR(
            "Administrator", "Everything, including users, roles, keys and settings", EnumSet.allOf(Permission.class)),
    PRODUCTION_MANAGER(
            "Production manager",
            "Plans and runs production: stations, people, workflows, projects, stock",
            EnumSet.of(
                    ORGANIZATIONS_READ,
                    USERS_READ,
                    ROLES_READ,
                    EMPLOYEES_READ,
                    EMPLOYEES_CREATE,
                    EMPLOYEES_UPDATE,
                    STATIONS_READ,
                    STATIONS_CREATE,
                    STATIONS_UPDATE,
                    STATIONS_DELETE,
                    LOCATIONS_READ,
                    LOCATIONS_CREATE,
                    LOCATIONS_UPDATE,
                    LOCATIONS_DELETE,
                    PARTNERSHIPS_READ,
                    SETTINGS_READ,
                    CUSTOMERS_READ,
                    CATALOG_READ,
                    CATALOG_MANAGE,
                    BOMS_APPROVE,
                    ORDERS_READ,
                    ORDERS_UPDATE,
                    ORDERS_APPROVE,
                    PROJECTS_READ,
                    PROJECTS_MANAGE,
                    TASKS_READ,
                    TASKS_MANAGE,
                    TIME_LOG,
                    PRODUCTION_SCAN,
                    INVENTORY_READ,
                    INVENTORY_MANAGE,
                    QUALITY_READ,
                    ANALYTICS_READ)),
    SALES_MANAGER(
            "Sales manager",
            "Customers, quotes, orders and invoices",
            EnumSet.of(
                    ORGANIZATIONS_READ,
                    EMPLOYEES_READ,
                    STATIONS_READ,
                    PARTNERSHIPS_READ,
                    SETTINGS_READ,
                    CUSTOMERS_READ,
                    CUSTOMERS_MANAGE,
                    CATALOG_READ,
                    ORDERS_READ,
                    ORDERS_CREATE,
                    ORDERS_UPDATE,
                    PROJECTS_READ,
                    SALES_READ,
                    SALES_MANAGE,
                    ANALYTICS_READ)),
    QC_INSPECTOR(
            "QC inspector",
            "Inspections, defects and corrective actions",
            EnumSet.of(
                    ORGANIZATIONS_READ,
                    EMPLOYEES_READ,
                    STATIONS_READ,
                    LOCATIONS_READ,
                    CATALOG_READ,
                    ORDERS_READ,
                    PROJECTS_READ,
                    TASKS_READ,
                    PRODUCTION_SCAN,
                    INVENTORY_READ,
                    QUALITY_READ,
                    QUALITY_INSPECT,
                    QUALITY_MANAGE)),
    TECHNICIAN(
            "Technician",
            "Works at a station: scans units, does tasks, logs time",
            EnumSet.of(
                    ORGANIZATIONS_READ,
                    EMPLOYEES_READ,
                    STATIONS_READ,
                    LOCATIONS_READ,
                    CATALOG_READ,
                    PROJECTS_READ,
                    TASKS_READ,
                    TIME_LOG,
                    PRODUCTION_SCAN,
                    INVENTORY_READ,
                    QUALITY_READ)),
    CUSTOMER_SERVICE(
            "Customer service",
            "Answers customers about their orders, shipments and returns",
            EnumSet.of(
                    ORGANIZATIONS_READ,
                    CUSTOMERS_READ,
                    CUSTOMERS_MANAGE,
                    CATALOG_READ,
                    ORDERS_READ,
                    PROJECTS_READ,
                    SALES_READ,
                    FULFILLMENT_MANAGE)),
    FINANCE(
            "Finance",
            "Invoices, payments, labour cost and revenue",
            EnumSet.of(
                    ORGANIZATIONS_READ,
                    EMPLOYEES_READ,
                    STATIONS_READ,
                    SETTINGS_READ,
                    CUSTOMERS_READ,
                    ORDERS_READ,
                    PROJECTS_READ,
                    TASKS_READ,
                    INVENTORY_READ,
                    SALES_READ,
                    SALES_MANAGE,
                    ANALYTICS_READ,
                    AUDIT_READ)),
    DESIGNER(
            "Designer",
            "Parts, products, BOMs and configuration rules",
            EnumSet.of(
                    ORGANIZATIONS_READ,
                    EMPLOYEES_READ,
                    STATIONS_READ,
                    CATALOG_READ,
                    CATALOG_MANAGE,
                    PROJECTS_READ,
                    INVENTORY_READ)),
    BRAND_USER(
            "Brand user",
            "A brand's buyer: sends purchase orders to partner factories and follows them",
            EnumSet.of(ORGANIZATIONS_READ, PARTNERSHIPS_READ, CATALOG_READ, ORDERS_READ, ORDERS_CREATE));

    private final String displayName;
    private final String description;
    private final Set<String> permissions;

    BuiltInRole(String displayName, String description, EnumSet<Permission> permissions) {
        this.displayName = displayName;
        this.description = description;
        this.permissions = permissions.stream().map(Permission::code).collect(Collectors.toUnmodifiableSet());
    }

    public String displayName() {
        return displayName;
    }

    public String description() {
        return description;
    }

    public Set<String> permissions() {
        return permissions;
    }

    public static Set<BuiltInRole> all() {
        return EnumSet.copyOf(Arrays.asList(values()));
    }
}
