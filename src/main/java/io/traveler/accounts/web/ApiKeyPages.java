package io.traveler.accounts.web;

import io.traveler.accounts.internal.ApiKey;
import io.traveler.accounts.internal.ApiKeyService;
import io.traveler.settings.OrganizationSettings;
import io.traveler.shared.security.PermissionCatalogue;
import io.traveler.shared.security.TravelerAuthentication;
import io.traveler.shared.web.Forms;
import io.traveler.shared.web.PageController;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** API keys: list, create (the key is shown once, on the answer to the form), revoke. */
@PageController
@RequestMapping("/app/api-keys")
class ApiKeyPages {
    private final ApiKeyService keys;
    private final OrganizationSettings settings;
    private final PermissionCatalogue catalogue;

    ApiKeyPages(ApiKeyService keys, OrganizationSettings settings, PermissionCatalogue catalogue) {
        this.keys = keys;
        this.settings = settings;
        this.catalogue = catalogue;
    }

    record ApiKeyForm(
            @NotBlank(message = "is required") @Size(max = 100, message = "must be at most 100 characters")
            String name,

            List<String> permissions,

            @BindParam("expires_on") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
            LocalDate expiresOn) {

        static ApiKeyForm blank() {
            return new ApiKeyForm("", List.of(), null);
        }

        public boolean grants(String permission) {
            return permissions != null && permissions.contains(permission);
        }
    }

    /** How a key reads in the list: usable, expired or revoked. */
    record KeyRow(ApiKey key, String state) {
        static KeyRow of(ApiKey key, Instant now) {
            String state = key.revokedAt() != null ? "revoked" : key.isUsableAt(now) ? "active" : "expired";
            return new KeyRow(key, state);
        }
    }

    @GetMapping
    @PreAuthorize("hasAuthority('api_keys:read')")
    String list(Model model) {
        Instant now = Instant.now();
        model.addAttribute(
                "keys", keys.list().stream().map(k -> KeyRow.of(k, now)).toList());
        return "accounts/api-keys";
    }

    @GetMapping("/new")
    @PreAuthorize("hasAuthority('api_keys:manage')")
    String newKey(Model model) {
        return form(model, ApiKeyForm.blank());
    }

    /** Answers with the key itself rather than a redirect: the secret never travels in a URL or a session. */
    @PostMapping
    @PreAuthorize("hasAuthority('api_keys:manage')")
    String create(@Valid ApiKeyForm form, BindingResult binding, Model model, HttpServletResponse response) {
        ApiKeyForm shown = form == null ? ApiKeyForm.blank() : form;
        return Forms.save(form, binding, model, () -> form(model, shown), () -> {
            Set<String> permissions = form.permissions() == null ? Set.of() : Set.copyOf(form.permissions());
            var created = keys.create(form.name(), permissions, endOf(form.expiresOn()));
            response.setHeader("Cache-Control", "no-store");
            model.addAttribute("created", created);
            return "accounts/api-key-created";
        });
    }

    @GetMapping("/{id}/revoke")
    @PreAuthorize("hasAuthority('api_keys:manage')")
    String confirmRevoke(@PathVariable UUID id, Model model) {
        ApiKey key = keys.get(id);
        model.addAttribute("confirm", "Revoke");
        return Pages.confirm(
                model,
                "Revoke the key " + key.name() + "?",
                "Integrations using it stop working at once. This cannot be undone.",
                "/app/api-keys/" + id + "/revoke",
                null,
                "/app/api-keys");
    }

    @PostMapping("/{id}/revoke")
    @PreAuthorize("hasAuthority('api_keys:manage')")
    String revoke(@PathVariable UUID id, RedirectAttributes flash) {
        return Forms.act(flash, "/app/api-keys", "Key revoked.", () -> keys.revoke(id));
    }

    /** A key can grant only permissions its creator holds, so only those are offered. */
    private String form(Model model, ApiKeyForm form) {
        Set<String> own =
                TravelerAuthentication.current().map(p -> p.permissions()).orElse(Set.of());
        model.addAttribute("form", form);
        model.addAttribute("permissionGroups", Pages.permissionGroups(catalogue, own));
        model.addAttribute("permissionDescriptions", Pages.permissionDescriptions(catalogue));
        model.addAttribute("zone", zone().getId());
        return "accounts/api-key-new";
    }

    /** A key "expires on" a day: it works through that day in the organization's time zone. */
    private Instant endOf(LocalDate day) {
        return day == null ? null : day.plusDays(1).atStartOfDay(zone()).toInstant();
    }

    private ZoneId zone() {
        try {
            return ZoneId.of(settings.current().timezone());
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
