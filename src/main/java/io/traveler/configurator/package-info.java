/**
 * The configurator: a product's options and its rules as data (CEL conditions and computed values), configurations
 * validated and priced on every change, and bills of materials generated from them with custom parts minted in the
 * organization's custom series. The package root is the module's API: {@link io.traveler.configurator.Configurator}
 * for what others ask, {@link io.traveler.configurator.ConfigurableLines} for the order lines it configures
 * (implemented by the orders module).
 */
@ApplicationModule(
        displayName = "Configurator",
        allowedDependencies = {"shared", "settings", "accounts", "catalog"})
package io.traveler.configurator;

import org.springframework.modulith.ApplicationModule;
