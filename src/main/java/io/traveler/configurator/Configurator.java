package io.traveler.configurator;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** What other modules may ask the configurator, in the current organization. */
public interface Configurator {
    /** The products among {@code productIds} that are configurable: those with at least one option. */
    Set<UUID> configurableProducts(Collection<UUID> productIds);

    /**
     * A configuration as an order line follows it: its product, the line it configures (null: none), the current
     * revision, whether its values are valid, its price (null when it has none) and the BOM generated from the
     * current revision (null: not generated since the values last changed).
     */
    record ConfigurationState(
            UUID id, UUID productId, UUID orderLineId, int revision, boolean valid, BigDecimal price, UUID bomId) {}

    /** The current organization's configurations among {@code ids}, in one query; another's are absent. */
    Map<UUID, ConfigurationState> configurations(Collection<UUID> ids);

    /** The configuration of this order line, if one was made for it. */
    Optional<ConfigurationState> configurationOfLine(UUID orderLineId);
}
