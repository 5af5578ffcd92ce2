package io.traveler.accounts;

public enum OrganizationKind {
    SHOP,
    FACTORY,
    BRAND
}
