package io.traveler.workflows.internal;

import io.traveler.accounts.Accounts;
import io.traveler.shared.Quantities;
import io.traveler.shared.errors.TravelerException.FieldError;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.security.PermissionCatalogue;
import io.traveler.workflows.Workflows.ActionKind;
import io.traveler.workflows.internal.WorkflowDefinition.ActionDefinition;
import io.traveler.workflows.internal.WorkflowDefinition.StageDefinition;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * What a workflow must be before it is stored, each refusal naming its field as the client sent it
 * ({@code stages[0].station_id}, {@code stages[1].actions[0].tolerance}): all of them at once, so a form shows every
 * mistake. The database checks the same rules again.
 */
@Component
class WorkflowRules {
    static final int MAX_STAGES = 100;
    static final int MAX_ACTIONS = 50;
    static final int MAX_ITEMS = 100;
    static final int MAX_MINUTES = 525_600;
    private static final Pattern PERMISSION = Pattern.compile("^[a-z][a-z_]*:[a-z][a-z_]*$");

    private final Accounts accounts;
    private final PermissionCatalogue catalogue;

    WorkflowRules(Accounts accounts, PermissionCatalogue catalogue) {
        this.accounts = accounts;
        this.catalogue = catalogue;
    }

    /** The action kind named in any case ("sign_off", "SIGN_OFF", "sign-off"), or null when it is none. */
    static ActionKind kindOf(String text) {
        if (text == null) {
            return null;
        }
        String name = text.strip().replace('-', '_').toUpperCase(Locale.ROOT);
        for (ActionKind kind : ActionKind.values()) {
            if (kind.name().equals(name)) {
                return kind;
            }
        }
        return null;
    }

    void check(WorkflowDefinition definition) {
        List<FieldError> errors = new ArrayList<>();
        text(errors, "name", definition.name(), 200, true);
        text(errors, "description", definition.description(), 4000, false);
        List<StageDefinition> stages = definition.stages();
        if (stages == null || stages.isEmpty()) {
            errors.add(new FieldError("stages", "a workflow needs at least one stage"));
        } else if (stages.size() > MAX_STAGES) {
            errors.add(new FieldError("stages", "at most " + MAX_STAGES + " stages"));
        } else {
            Set<UUID> stationIds = new java.util.HashSet<>();
            stages.stream()
                    .filter(Objects::nonNull)
                    .map(StageDefinition::stationId)
                    .filter(Objects::nonNull)
                    .forEach(stationIds::add);
            Map<UUID, Accounts.StationRef> stations = accounts.stations(stationIds);
            for (int i = 0; i < stages.size(); i++) {
                stage(errors, "stages[" + i + "]", stages.get(i), stations);
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    private void stage(
            List<FieldError> errors, String at, StageDefinition stage, Map<UUID, Accounts.StationRef> stations) {
        if (stage == null) {
            errors.add(new FieldError(at, "is required"));
            return;
        }
        text(errors, at + ".name", stage.name(), 200, true);
        if (stage.stationId() == null) {
            errors.add(new FieldError(at + ".station_id", "is required"));
        } else if (!stations.containsKey(stage.stationId())) {
            errors.add(new FieldError(at + ".station_id", "is not a station of this organization"));
        }
        Integer minutes = stage.expectedMinutes();
        if (minutes != null && (minutes < 0 || minutes > MAX_MINUTES)) {
            errors.add(new FieldError(at + ".expected_minutes", "must be between 0 and " + MAX_MINUTES));
        }
        List<ActionDefinition> actions = stage.actions() == null ? List.of() : stage.actions();
        if (actions.size() > MAX_ACTIONS) {
            errors.add(new FieldError(at + ".actions", "at most " + MAX_ACTIONS + " actions per stage"));
            return;
        }
        for (int j = 0; j < actions.size(); j++) {
            action(errors, at + ".actions[" + j + "]", actions.get(j));
        }
    }

    private void action(List<FieldError> errors, String at, ActionDefinition action) {
        if (action == null) {
            errors.add(new FieldError(at, "is required"));
            return;
        }
        ActionKind kind = kindOf(action.kind());
        if (kind == null) {
            errors.add(new FieldError(at + ".kind", "must be one of scan, checklist, measurement, photo, sign_off"));
        }
        text(errors, at + ".label", action.label(), 200, false);
        List<String> items = action.checklistItems() == null ? List.of() : action.checklistItems();
        if (items.size() > MAX_ITEMS) {
            errors.add(new FieldError(at + ".checklist_items", "at most " + MAX_ITEMS + " items"));
        }
        for (int k = 0; k < items.size() && k < MAX_ITEMS; k++) {
            text(errors, at + ".checklist_items[" + k + "]", items.get(k), 200, true);
        }
        if (kind == ActionKind.CHECKLIST && items.isEmpty()) {
            errors.add(new FieldError(at + ".checklist_items", "a checklist needs at least one item"));
        }
        text(errors, at + ".unit", action.unit(), 20, kind == ActionKind.MEASUREMENT);
        decimal(errors, at + ".target_value", action.targetValue(), kind == ActionKind.MEASUREMENT, false);
        decimal(errors, at + ".tolerance", action.tolerance(), kind == ActionKind.MEASUREMENT, true);
        String permission =
                action.permission() == null ? null : action.permission().strip();
        if (permission == null || permission.isEmpty()) {
            if (kind == ActionKind.SIGN_OFF) {
                errors.add(new FieldError(at + ".permission", "a sign-off names the permission of who signs"));
            }
        } else if (!PERMISSION.matcher(permission).matches() || !catalogue.isKnown(permission)) {
            errors.add(new FieldError(at + ".permission", "is not a known permission"));
        }
    }

    private static void decimal(
            List<FieldError> errors, String field, BigDecimal value, boolean required, boolean positive) {
        if (value == null) {
            if (required) {
                errors.add(new FieldError(field, "a measurement needs it"));
            }
            return;
        }
        if (positive && value.signum() < 0) {
            errors.add(new FieldError(field, "must not be negative"));
        } else if (!Quantities.bounded(value)) {
            errors.add(new FieldError(field, Quantities.BOUNDS));
        }
    }

    static void text(List<FieldError> errors, String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
        } else if (value.strip().length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }
}
