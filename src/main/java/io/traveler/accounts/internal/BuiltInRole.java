package io.traveler.accounts.internal;

import io.traveler.shared.security.PermissionCatalogue;
import io.traveler.shared.security.StandardRole;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The roles of DOMAIN.md, seeded in every new organization: their names here, their permissions in each module's
 * {@link io.traveler.shared.modules.ModuleContribution}.
 */
public enum BuiltInRole {
    ADMINISTRATOR("Administrator", "Everything, including users, roles, keys and settings"),
    PRODUCTION_MANAGER("Production manager", "Plans and runs production: stations, people, workflows, projects, stock"),
    SALES_MANAGER("Sales manager", "Customers, quotes, orders and invoices"),
    QC_INSPECTOR("QC inspector", "Inspections, defects and corrective actions"),
    TECHNICIAN("Technician", "Works at a station: scans units, does tasks, logs time"),
    CUSTOMER_SERVICE("Customer service", "Answers customers about their orders, shipments and returns"),
    FINANCE("Finance", "Invoices, payments, labour cost and revenue"),
    DESIGNER("Designer", "Parts, products, BOMs and configuration rules"),
    BRAND_USER("Brand user", "A brand's buyer: sends purchase orders to partner factories and follows them");

    private final String displayName;
    private final String description;

    BuiltInRole(String displayName, String description) {
        this.displayName = displayName;
        this.description = description;
    }

    public String displayName() {
        return displayName;
    }

    public String description() {
        return description;
    }

    /** What the modules grant this role (the administrator: every permission of every module). */
    public Set<String> permissions(PermissionCatalogue catalogue) {
        return catalogue.grantedTo(StandardRole.valueOf(name()));
    }

    public static Set<BuiltInRole> all() {
        return EnumSet.copyOf(Arrays.asList(values()));
    }
}
