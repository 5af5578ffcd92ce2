package io.traveler.shared.web;

import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.StaleVersionException;
import io.traveler.shared.errors.TravelerException;
import io.traveler.shared.errors.ValidationException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * How the web UI's forms answer: a change the domain refuses shows the form again with the reason and with what
 * the user typed; an action button's outcome is shown on the page it returns to. The model keys are the ones
 * the layout's message fragments read.
 */
public final class Forms {
    /** A sentence above the form or page. */
    public static final String ERROR = "errorMessage";
    /** Field name (as in the form, snake_case) → what is wrong with it; shown next to the field. */
    public static final String FIELD_ERRORS = "fieldErrors";
    /** The same errors as a list with readable labels; shown above the form, each linking to its field. */
    public static final String ERROR_LIST = "errorList";
    /** Set when the form was based on a version someone else has changed since. */
    public static final String STALE = "stale";
    /** A confirmation shown after a redirect. */
    public static final String NOTICE = "notice";

    private static final String CORRECT_FIELDS = "Please correct the marked fields.";
    private static final String STALE_MESSAGE = "Someone else changed this in the meantime. Reload the page to see"
            + " their change, then make yours again.";

    public record FieldProblem(String field, String label, String message) {}

    private record Refusal(HttpStatus status, String message, Map<String, String> fieldErrors, boolean stale) {
        Map<String, Object> attributes() {
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put(ERROR, message);
            if (!fieldErrors.isEmpty()) {
                attributes.put(FIELD_ERRORS, fieldErrors);
                List<FieldProblem> list = new ArrayList<>();
                fieldErrors.forEach((field, text) -> list.add(new FieldProblem(field, label(field), text)));
                attributes.put(ERROR_LIST, list);
            }
            if (stale) {
                attributes.put(STALE, true);
            }
            return attributes;
        }
    }

    private Forms() {}

    /** Puts binding and bean-validation errors into the model; true when there were any. */
    public static boolean invalid(BindingResult binding, Model model) {
        if (!binding.hasErrors()) {
            return false;
        }
        Map<String, String> errors = new LinkedHashMap<>();
        binding.getFieldErrors()
                .forEach(f -> errors.putIfAbsent(
                        FieldNames.snake(f.getField()),
                        f.isBindingFailure() ? "is not a valid value" : f.getDefaultMessage()));
        binding.getGlobalErrors().forEach(g -> errors.putIfAbsent("form", g.getDefaultMessage()));
        show(new Refusal(HttpStatus.UNPROCESSABLE_CONTENT, CORRECT_FIELDS, errors, false), model);
        return true;
    }

    /**
     * Runs the change of a submitted form and answers its view (usually a redirect). When the domain refuses
     * the change, the reasons go into the model and {@code form} renders the form again.
     */
    public static String submit(Model model, Supplier<String> change, Supplier<String> form) {
        try {
            return change.get();
        } catch (RuntimeException e) {
            show(refusal(e), model);
            return form.get();
        }
    }

    /**
     * A submitted form: its binding and bean-validation errors, then the domain's refusals of {@code change}, each
     * show {@code page} (the form again, with what was typed); otherwise the change's view (usually a redirect).
     */
    public static String save(
            Object form, BindingResult binding, Model model, Supplier<String> page, Supplier<String> change) {
        if (invalid(binding, model) || form == null) {
            return page.get();
        }
        return submit(model, change, page);
    }

    /** The view to answer (usually a redirect) after a change, with {@code notice} shown on the next page. */
    public static String notice(RedirectAttributes flash, String notice, String view) {
        flash.addFlashAttribute(NOTICE, notice);
        return view;
    }

    /**
     * Runs an action button (delete, revoke, accept) and redirects to {@code back}, with {@code notice} on
     * success or the reason of the refusal.
     */
    public static String act(RedirectAttributes flash, String back, String notice, Runnable action) {
        try {
            action.run();
            flash.addFlashAttribute(NOTICE, notice);
        } catch (RuntimeException e) {
            refusal(e).attributes().forEach(flash::addFlashAttribute);
        }
        return "redirect:" + back;
    }

    /**
     * The page that asks before an irreversible action (templates/confirm.html): it posts the version the record
     * was read at to {@code action}, or goes back.
     */
    public static String confirm(
            Model model, String question, String explanation, String action, Long version, String back) {
        model.addAttribute("question", question);
        model.addAttribute("explanation", explanation);
        model.addAttribute("action", action);
        model.addAttribute("version", version);
        model.addAttribute("back", back);
        return "confirm";
    }

    /** "station_ids" → "Stations", "hourly_rate" → "Hourly rate". */
    static String label(String field) {
        String words = field.endsWith("_ids")
                ? field.substring(0, field.length() - 4) + "s"
                : field.endsWith("_id") ? field.substring(0, field.length() - 3) : field;
        words = words.replace('_', ' ').trim();
        return words.isEmpty() ? field : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

    /** What is not a refusal (not found, access denied, bugs) is rethrown: those get their error pages. */
    private static Refusal refusal(RuntimeException e) {
        return switch (e) {
            case NotFoundException notFound -> throw notFound;
            case ValidationException invalid -> {
                Map<String, String> errors = new LinkedHashMap<>();
                invalid.errors().forEach(f -> errors.putIfAbsent(f.field(), String.valueOf(f.message())));
                yield new Refusal(HttpStatus.UNPROCESSABLE_CONTENT, CORRECT_FIELDS, errors, false);
            }
            case StaleVersionException stale -> stale();
            case OptimisticLockingFailureException stale -> stale();
            case TravelerException refused ->
                new Refusal(Problems.answerTo(refused).status(), refused.getMessage(), Map.of(), false);
            case DataIntegrityViolationException broken ->
                new Refusal(
                        HttpStatus.CONFLICT,
                        "This breaks a rule of the stored data: " + ConstraintNames.describe(broken),
                        Map.of(),
                        false);
            default -> throw e;
        };
    }

    private static Refusal stale() {
        return new Refusal(HttpStatus.PRECONDITION_FAILED, STALE_MESSAGE, Map.of(), true);
    }

    private static void show(Refusal refusal, Model model) {
        model.addAllAttributes(refusal.attributes());
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletResponse response = attributes.getResponse();
            if (response != null) {
                response.setStatus(refusal.status().value());
            }
        }
    }
}
