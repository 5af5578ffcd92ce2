package io.traveler.orders.internal;

import io.traveler.orders.OrderPhase;
import io.traveler.shared.errors.ConflictException;
import java.util.List;
import java.util.Set;

/** A move the transition table does not allow (409); the problem names the phases the order may move to. */
public class IllegalTransitionException extends ConflictException {
    private final Set<OrderPhase> allowed;

    public IllegalTransitionException(String detail, Set<OrderPhase> allowed) {
        super(detail);
        this.allowed = Set.copyOf(allowed);
    }

    public Set<OrderPhase> allowed() {
        return allowed;
    }

    @Override
    public List<FieldError> errors() {
        String phases = allowed.isEmpty()
                ? "none"
                : String.join(
                        ", ", allowed.stream().sorted().map(OrderPhase::name).toList());
        return List.of(new FieldError("to_phase", "allowed phases: " + phases));
    }
}
