package io.traveler.accounts.web;

import io.traveler.accounts.Accounts;
import io.traveler.accounts.OrganizationKind;
import io.traveler.accounts.internal.Partnership;
import io.traveler.accounts.internal.PartnershipService;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.security.TravelerAuthentication;
import io.traveler.shared.security.TravelerPrincipal;
import io.traveler.shared.web.Forms;
import io.traveler.shared.web.PageController;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Brand ↔ factory partnerships: a brand invites a factory by its id, the factory accepts, either side ends. */
@PageController
@RequestMapping("/app/partnerships")
class PartnershipPages {
    private static final String LIST = "/app/partnerships";

    private final PartnershipService partnerships;
    private final Accounts accounts;

    PartnershipPages(PartnershipService partnerships, Accounts accounts) {
        this.partnerships = partnerships;
        this.accounts = accounts;
    }

    /** The id is typed or pasted, so it is kept as text until the invitation, to show a typo back as typed. */
    record InviteForm(
            @BindParam("factory_org_id") @NotBlank(message = "is required")
            String factoryOrgId,

            @Size(max = 1000, message = "must be at most 1000 characters")
            String note) {

        UUID factory() {
            try {
                return UUID.fromString(factoryOrgId.trim());
            } catch (IllegalArgumentException e) {
                throw new ValidationException("factory_org_id", "is not an organization id");
            }
        }
    }

    /** A partnership as this organization sees it: which actions are open to it. */
    record Row(PartnershipService.View view, boolean acceptable, boolean endable) {
        static Row of(PartnershipService.View view, UUID myOrgId) {
            Partnership p = view.partnership();
            return new Row(
                    view,
                    p.status() == Partnership.Status.PENDING && p.factoryOrgId().equals(myOrgId),
                    p.status() != Partnership.Status.ENDED);
        }
    }

    @GetMapping
    @PreAuthorize("hasAuthority('partnerships:read')")
    String list(Model model) {
        return page(model, new InviteForm("", ""));
    }

    @PostMapping
    @PreAuthorize("hasAuthority('partnerships:manage')")
    String invite(@Valid InviteForm form, BindingResult binding, Model model, RedirectAttributes flash) {
        InviteForm shown = form == null ? new InviteForm("", "") : form;
        return Forms.save(form, binding, model, () -> page(model, shown), () -> {
            var invited = partnerships.invite(form.factory(), form.note());
            return Forms.notice(flash, invited.factoryName() + " is invited.", "redirect:" + LIST);
        });
    }

    @PostMapping("/{id}/accept")
    @PreAuthorize("hasAuthority('partnerships:manage')")
    String accept(@PathVariable UUID id, @RequestParam(required = false) Long version, RedirectAttributes flash) {
        return Forms.act(
                flash,
                LIST,
                "Partnership accepted.",
                () -> partnerships.accept(id, ExpectedVersion.ofNullable(version)));
    }

    @GetMapping("/{id}/end")
    @PreAuthorize("hasAuthority('partnerships:manage')")
    String confirmEnd(@PathVariable UUID id, Model model) {
        var view = partnerships.get(id);
        model.addAttribute("confirm", "End partnership");
        return Pages.confirm(
                model,
                "End the partnership of " + view.brandName() + " and " + view.factoryName() + "?",
                view.partnership().status() == Partnership.Status.PENDING
                        ? "The invitation is withdrawn or declined."
                        : "The brand can no longer send work to the factory. A new invitation can start it again.",
                LIST + "/" + id + "/end",
                view.partnership().version(),
                LIST);
    }

    @PostMapping("/{id}/end")
    @PreAuthorize("hasAuthority('partnerships:manage')")
    String end(@PathVariable UUID id, @RequestParam(required = false) Long version, RedirectAttributes flash) {
        return Forms.act(
                flash, LIST, "Partnership ended.", () -> partnerships.end(id, ExpectedVersion.ofNullable(version)));
    }

    private String page(Model model, InviteForm form) {
        TravelerPrincipal me = TravelerAuthentication.current().orElseThrow();
        String kind = accounts.myOrganizations().stream()
                .filter(o -> o.id().equals(me.orgId()))
                .map(Accounts.OrganizationRef::kind)
                .findFirst()
                .orElse(null);
        model.addAttribute(
                "rows",
                partnerships.list().stream().map(v -> Row.of(v, me.orgId())).toList());
        model.addAttribute("form", form);
        model.addAttribute("isBrand", OrganizationKind.BRAND.name().equals(kind));
        model.addAttribute("isFactory", OrganizationKind.FACTORY.name().equals(kind));
        return "accounts/partnerships";
    }
}
