package io.traveler.accounts.web;

import io.traveler.accounts.internal.Organization;
import io.traveler.accounts.internal.OrganizationService;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.security.TravelerAuthentication;
import io.traveler.shared.web.Forms;
import io.traveler.shared.web.PageController;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The current organization: its kind and id (which a brand needs to invite a factory) and its name. */
@PageController
@RequestMapping("/app/organization/details")
class OrganizationPages {
    private static final String SELF = "redirect:/app/organization/details";

    private final OrganizationService organizations;

    OrganizationPages(OrganizationService organizations) {
        this.organizations = organizations;
    }

    record RenameForm(
            @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters")
            String name,

            Long version) {}

    @GetMapping
    @PreAuthorize("hasAuthority('organizations:read')")
    String show(Model model) {
        Organization organization = organizations.current(currentOrgId());
        return page(model, organization, new RenameForm(organization.name(), organization.version()));
    }

    @PostMapping
    @PreAuthorize("hasAuthority('organizations:update')")
    String rename(@Valid RenameForm form, BindingResult binding, Model model, RedirectAttributes flash) {
        Organization organization = organizations.current(currentOrgId());
        return Forms.save(form, binding, model, () -> page(model, organization, form), () -> {
            var renamed =
                    organizations.rename(organization.id(), ExpectedVersion.ofNullable(form.version()), form.name());
            return Forms.notice(flash, "The organization is now called " + renamed.name() + ".", SELF);
        });
    }

    private static String page(Model model, Organization organization, RenameForm form) {
        model.addAttribute("organization", organization);
        model.addAttribute("form", form);
        return "accounts/organization";
    }

    private static UUID currentOrgId() {
        return TravelerAuthentication.current().orElseThrow().orgId();
    }
}
