package io.traveler.accounts.web;

import io.traveler.accounts.internal.security.Authenticator;
import io.traveler.shared.errors.ForbiddenException;
import io.traveler.shared.security.TravelerAuthentication;
import io.traveler.shared.security.TravelerPrincipal;
import io.traveler.shared.web.Forms;
import io.traveler.shared.web.PageController;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The header's organization switcher: the session goes on in another organization the user is a member of. */
@PageController
class OrganizationSwitch {
    private final SignedInSession session;
    private final Authenticator authenticator;

    OrganizationSwitch(SignedInSession session, Authenticator authenticator) {
        this.session = session;
        this.authenticator = authenticator;
    }

    @PostMapping("/app/organization")
    String switchTo(
            @RequestParam("organization_id") UUID organizationId,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes flash) {
        TravelerPrincipal me = TravelerAuthentication.current().orElseThrow();
        if (!session.actAs(me.actorId(), organizationId, me.authenticatedAt(), request, response)) {
            throw new ForbiddenException("You are not an active member of that organization.");
        }
        authenticator.rememberOrganization(me.actorId(), organizationId);
        TravelerPrincipal now = TravelerAuthentication.current().orElseThrow();
        return Forms.notice(flash, "You are now working in " + now.orgName() + ".", "redirect:/app/");
    }
}
