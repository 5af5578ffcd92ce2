package io.traveler.configurator.internal;

import io.traveler.configurator.Configurator;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What other modules ask the configurator, in the current organization. */
@Service
class ConfiguratorFacade implements Configurator {
    private final Configurations configurations;
    private final ProductOptions options;

    ConfiguratorFacade(Configurations configurations, ProductOptions options) {
        this.configurations = configurations;
        this.options = options;
    }

    @Override
    @Transactional(readOnly = true)
    public Set<UUID> configurableProducts(Collection<UUID> productIds) {
        if (productIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(options.productsWithOptions(Set.copyOf(productIds)));
    }

    @Override
    @Transactional(readOnly = true)
    public Map<UUID, ConfigurationState> configurations(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return configurations.findByIdIn(Set.copyOf(ids)).stream()
                .collect(Collectors.toMap(Configuration::id, ConfiguratorFacade::state));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ConfigurationState> configurationOfLine(UUID orderLineId) {
        return configurations.findByOrderLineId(orderLineId).map(ConfiguratorFacade::state);
    }

    static ConfigurationState state(Configuration c) {
        return new ConfigurationState(
                c.id(), c.productId(), c.orderLineId(), c.revision(), c.valid(), c.price(), c.bomId());
    }
}
