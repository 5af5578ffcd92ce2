package io.traveler.workflows.internal;

import io.traveler.accounts.Accounts;
import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.TravelerException.FieldError;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.jpa.VersionedChanges;
import io.traveler.workflows.Workflows;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tasks each station always does when one of its stages becomes active. A template belongs to one station of
 * the organization; another station's id in the path does not find it.
 */
@Service
public class StationTaskTemplates {
    static final int MAX_TEMPLATES = 200;
    static final int MAX_SEQUENCE = 10_000;

    /**
     * A template as sent: on creation a null means the default (the sequence after the last, required); on a change
     * it means "keep", unless the field is in {@code cleared} (sent as null).
     */
    public record TemplateData(
            String title,
            String description,
            Integer sequence,
            Integer estimateMinutes,
            List<String> checklistItems,
            Boolean required,
            Set<String> cleared) {}

    private final StationTaskTemplateStore templates;
    private final Accounts accounts;

    StationTaskTemplates(StationTaskTemplateStore templates, Accounts accounts) {
        this.templates = templates;
        this.accounts = accounts;
    }

    /** The station's templates by sequence, as the projects module reads them. */
    @Transactional(readOnly = true)
    public List<Workflows.TaskTemplate> of(UUID stationId) {
        return templates.findByStationIdOrderBySequenceAscTitleAscIdAsc(stationId).stream()
                .map(StationTaskTemplates::toFacade)
                .toList();
    }

    @Transactional(readOnly = true)
    public List<StationTaskTemplate> list(UUID stationId) {
        requireStation(stationId);
        return templates.findByStationIdOrderBySequenceAscTitleAscIdAsc(stationId);
    }

    @Transactional(readOnly = true)
    public StationTaskTemplate get(UUID stationId, UUID templateId) {
        requireStation(stationId);
        return templates
                .findById(templateId)
                .filter(t -> t.stationId().equals(stationId))
                .orElseThrow(() -> NotFoundException.of("Task template", templateId));
    }

    @Transactional
    public StationTaskTemplate create(UUID stationId, TemplateData data) {
        requireStation(stationId);
        check(data, true);
        if (templates.findByStationIdOrderBySequenceAscTitleAscIdAsc(stationId).size() >= MAX_TEMPLATES) {
            throw new ConflictException("A station has at most " + MAX_TEMPLATES + " task templates");
        }
        var template = new StationTaskTemplate(stationId);
        template.retitle(data.title());
        template.order(
                data.sequence() != null
                        ? data.sequence()
                        : Math.min(MAX_SEQUENCE, templates.lastSequence(stationId) + 1));
        apply(template, data);
        return templates.saveAndFlush(template);
    }

    @Transactional
    public StationTaskTemplate change(UUID stationId, UUID templateId, ExpectedVersion expected, TemplateData data) {
        return VersionedChanges.change(templates, get(stationId, templateId), expected, template -> {
            for (String field : List.of("title", "sequence", "required")) {
                if (data.cleared().contains(field)) {
                    throw new ValidationException(field, "is required");
                }
            }
            check(data, false);
            if (data.title() != null) {
                template.retitle(data.title());
            }
            if (data.sequence() != null) {
                template.order(data.sequence());
            }
            apply(template, data);
        });
    }

    @Transactional
    public void delete(UUID stationId, UUID templateId, ExpectedVersion expected) {
        VersionedChanges.delete(templates, get(stationId, templateId), expected);
    }

    private void apply(StationTaskTemplate template, TemplateData data) {
        Set<String> cleared = data.cleared();
        if (data.description() != null || cleared.contains("description")) {
            template.describe(data.description());
        }
        if (data.estimateMinutes() != null || cleared.contains("estimate_minutes")) {
            template.estimate(data.estimateMinutes());
        }
        if (data.checklistItems() != null || cleared.contains("checklist_items")) {
            template.checklist(
                    data.checklistItems() == null
                            ? List.of()
                            : data.checklistItems().stream().map(String::strip).toList());
        }
        if (data.required() != null) {
            template.require(data.required());
        }
    }

    private static void check(TemplateData data, boolean creating) {
        List<FieldError> errors = new ArrayList<>();
        WorkflowRules.text(errors, "title", data.title(), 200, creating);
        WorkflowRules.text(errors, "description", data.description(), 4000, false);
        if (data.sequence() != null && (data.sequence() < 1 || data.sequence() > MAX_SEQUENCE)) {
            errors.add(new FieldError("sequence", "must be between 1 and " + MAX_SEQUENCE));
        }
        if (data.estimateMinutes() != null
                && (data.estimateMinutes() < 0 || data.estimateMinutes() > WorkflowRules.MAX_MINUTES)) {
            errors.add(new FieldError("estimate_minutes", "must be between 0 and " + WorkflowRules.MAX_MINUTES));
        }
        List<String> items = data.checklistItems() == null ? List.of() : data.checklistItems();
        if (items.size() > WorkflowRules.MAX_ITEMS) {
            errors.add(new FieldError("checklist_items", "at most " + WorkflowRules.MAX_ITEMS + " items"));
        } else {
            for (int i = 0; i < items.size(); i++) {
                WorkflowRules.text(errors, "checklist_items[" + i + "]", items.get(i), 200, true);
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    private void requireStation(UUID stationId) {
        if (accounts.station(stationId).isEmpty()) {
            throw NotFoundException.of("Station", stationId);
        }
    }

    private static Workflows.TaskTemplate toFacade(StationTaskTemplate t) {
        return new Workflows.TaskTemplate(
                t.id(),
                t.stationId(),
                t.title(),
                t.description(),
                t.sequence(),
                t.estimateMinutes(),
                t.checklistItems(),
                t.required());
    }
}
