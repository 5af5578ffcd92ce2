package io.traveler.projects.internal;

import io.traveler.shared.errors.ConflictException;
import java.util.List;

/** A stage cannot be left yet (409): its required tasks and stage actions still open for this entry. */
public class StageGateException extends ConflictException {
    private final List<StageFlow.Missing> missing;

    public StageGateException(String stageName, List<StageFlow.Missing> missing) {
        super("The stage " + stageName + " cannot be left yet: " + missing.size() + " required "
                + (missing.size() == 1 ? "item is" : "items are") + " not done");
        this.missing = List.copyOf(missing);
    }

    public List<StageFlow.Missing> missing() {
        return missing;
    }

    @Override
    public List<FieldError> errors() {
        return missing.stream()
                .map(m -> new FieldError("missing", m.kind() + " " + m.id() + ": " + m.title()))
                .toList();
    }
}
