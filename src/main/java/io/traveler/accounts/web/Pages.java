package io.traveler.accounts.web;

import io.traveler.shared.modules.ModuleContribution.PermissionDefinition;
import io.traveler.shared.paging.PageRequest;
import io.traveler.shared.security.PermissionCatalogue;
import io.traveler.shared.web.Forms;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.ui.Model;

/** Paging parameters of this module's lists, and what its HTML pages have in common. */
final class Pages {
    private Pages() {}

    static PageRequest of(Integer limit, String cursor, String sort, Map<String, String> sortable, String defaultSort) {
        return PageRequest.of(limit, cursor, sort, sortable.keySet(), defaultSort);
    }

    /** The confirmation page of an irreversible action (templates/confirm.html). */
    static String confirm(Model model, String question, String explanation, String action, Long version, String back) {
        return Forms.confirm(model, question, explanation, action, version, back);
    }

    /** Id → name of every row, to show names where a list holds ids. */
    static <T> Map<UUID, String> names(List<T> all, Function<T, UUID> id, Function<T, String> name) {
        return all.stream().collect(Collectors.toMap(id, name));
    }

    /** What each permission allows, as its module describes it (shown on the permission's checkbox). */
    static Map<String, String> permissionDescriptions(PermissionCatalogue catalogue) {
        return catalogue.definitions().stream()
                .collect(Collectors.toMap(PermissionDefinition::code, PermissionDefinition::description));
    }

    /** Permission codes grouped by resource ("stations" → [stations:read, ...]), in catalogue order. */
    static Map<String, List<String>> permissionGroups(PermissionCatalogue catalogue, Collection<String> codes) {
        return catalogue.definitions().stream()
                .map(PermissionDefinition::code)
                .filter(codes::contains)
                .collect(Collectors.groupingBy(
                        code -> code.substring(0, code.indexOf(':')), LinkedHashMap::new, Collectors.toList()));
    }
}
