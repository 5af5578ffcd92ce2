/**
 * Parts, categories, products with their variants and supplier variants, and their versioned bills of materials: approval, activation, explosion and
 * where-used. The package root is the module's API: {@link io.traveler.catalog.Catalog}.
 */
@ApplicationModule(
        displayName = "Catalog",
        allowedDependencies = {"shared", "accounts", "documents"})
package io.traveler.catalog;

import org.springframework.modulith.ApplicationModule;
