package io.traveler.shared.security;

/**
 * The built-in roles every organization is seeded with, by the name stored in {@code accounts.roles.built_in}.
 * Modules grant their permissions to these roles; {@link #ADMINISTRATOR} holds every permission of every module.
 */
public enum StandardRole {
    ADMINISTRATOR,
    PRODUCTION_MANAGER,
    SALES_MANAGER,
    QC_INSPECTOR,
    TECHNICIAN,
    CUSTOMER_SERVICE,
    FINANCE,
    DESIGNER,
    BRAND_USER
}
