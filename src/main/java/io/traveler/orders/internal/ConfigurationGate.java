package io.traveler.orders.internal;

import io.traveler.configurator.Configurator;
import io.traveler.configurator.Configurator.ConfigurationState;
import io.traveler.orders.OrderPhase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The CONFIGURATION gate: an order goes on past CONFIGURATION only when every line of a configurable product carries
 * a valid configuration and the BOM generated from that configuration's current values. Going back to DRAFT, on hold
 * or cancelled is never held up.
 */
@Component
public class ConfigurationGate {
    /** A configurable line, its position among the order's lines, and what it lacks (null: nothing). */
    record Checked(int index, OrderLine line, String why) {
        String describe() {
            return "line " + line.lineNo() + " " + line.sku() + ": " + why;
        }
    }

    private final OrderLines lines;
    // the configurator calls back into the orders module (ConfigurableLines): looked up when needed, not at start
    private final ObjectProvider<Configurator> configurator;

    ConfigurationGate(OrderLines lines, ObjectProvider<Configurator> configurator) {
        this.lines = lines;
        this.configurator = configurator;
    }

    /** Whether a move from {@code from} to {@code to} passes the gate: forward from lines that may still change. */
    static boolean guards(OrderPhase from, OrderPhase to) {
        return OrderService.LINES_OPEN.contains(from)
                && OrderPhase.LINE.contains(to)
                && to.compareTo(OrderPhase.CONFIGURATION) > 0;
    }

    /**
     * Where each configurable line of the order stands, by line id: "configured", or what it lacks ("not
     * configured", "configuration not valid", "BOM not generated"). Lines of products that are not configurable are
     * absent. For the order's page.
     */
    @Transactional(readOnly = true)
    public Map<UUID, String> lineStates(Order order) {
        Map<UUID, String> states = new LinkedHashMap<>();
        check(order).forEach(c -> states.put(c.line().id(), c.why() == null ? "configured" : c.why()));
        return states;
    }

    /** The order's lines that hold it back, in line order; empty when it may go on. */
    List<Checked> unfinished(Order order) {
        return check(order).stream().filter(c -> c.why() != null).toList();
    }

    private List<Checked> check(Order order) {
        List<OrderLine> current = lines.findOfOrder(order.id(), order.orgId());
        if (current.isEmpty()) {
            return List.of();
        }
        Configurator configurations = configurator.getObject();
        Set<UUID> configurable = configurations.configurableProducts(current.stream()
                .map(OrderLine::productId)
                .filter(Objects::nonNull)
                .collect(Collectors.toSet()));
        if (configurable.isEmpty()) {
            return List.of();
        }
        Map<UUID, ConfigurationState> states = configurations.configurations(current.stream()
                .map(OrderLine::configurationId)
                .filter(Objects::nonNull)
                .collect(Collectors.toSet()));
        List<Checked> checked = new ArrayList<>();
        for (int i = 0; i < current.size(); i++) {
            OrderLine line = current.get(i);
            if (configurable.contains(line.productId())) {
                ConfigurationState state = line.configurationId() == null ? null : states.get(line.configurationId());
                checked.add(new Checked(i, line, why(line, state)));
            }
        }
        return checked;
    }

    private static String why(OrderLine line, ConfigurationState state) {
        if (state == null || !line.id().equals(state.orderLineId())) {
            return "not configured";
        }
        if (!state.valid()) {
            return "configuration not valid";
        }
        if (state.bomId() == null || !state.bomId().equals(line.bomId())) {
            return "BOM not generated";
        }
        return null;
    }
}
