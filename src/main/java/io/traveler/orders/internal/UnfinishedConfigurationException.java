package io.traveler.orders.internal;

import io.traveler.orders.OrderPhase;
import io.traveler.shared.errors.ConflictException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An order may not go on past CONFIGURATION (409): the problem lists each configurable line that holds it back,
 * in the detail and as an error per line ({@code lines[i]}, i its position among the order's lines).
 */
public class UnfinishedConfigurationException extends ConflictException {
    private final List<FieldError> lines;

    UnfinishedConfigurationException(OrderPhase to, List<ConfigurationGate.Checked> unfinished) {
        super(detail(to, unfinished));
        this.lines = unfinished.stream()
                .map(u -> new FieldError("lines[" + u.index() + "]", u.describe()))
                .toList();
    }

    @Override
    public List<FieldError> errors() {
        return lines;
    }

    static String detail(OrderPhase to, List<ConfigurationGate.Checked> unfinished) {
        return "The order cannot move to " + to + " before every configurable line has a valid configuration with a"
                + " BOM generated from its current values: "
                + unfinished.stream().map(ConfigurationGate.Checked::describe).collect(Collectors.joining("; "));
    }
}
