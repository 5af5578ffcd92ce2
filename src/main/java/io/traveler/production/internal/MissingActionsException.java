package io.traveler.production.internal;

import io.traveler.production.internal.Views.MissingAction;
import io.traveler.shared.errors.ConflictException;
import java.util.List;
import java.util.stream.Collectors;

/** A unit cannot complete its stage yet (409): the required actions of this entry still missing, named. */
public class MissingActionsException extends ConflictException {
    private final List<MissingAction> missing;

    MissingActionsException(String serial, String stageName, List<MissingAction> missing) {
        super("Unit " + serial + " cannot complete " + stageName + " yet; missing: "
                + missing.stream().map(MissingAction::label).collect(Collectors.joining(", ")));
        this.missing = List.copyOf(missing);
    }

    public List<MissingAction> missing() {
        return missing;
    }

    @Override
    public List<FieldError> errors() {
        return missing.stream()
                .map(m -> new FieldError("missing", m.kind() + " " + m.id() + ": " + m.label()))
                .toList();
    }
}
