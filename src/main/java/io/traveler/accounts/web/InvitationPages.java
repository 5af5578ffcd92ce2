package io.traveler.accounts.web;

import io.traveler.accounts.internal.EmailVerifications;
import io.traveler.accounts.internal.InvitationService;
import io.traveler.accounts.internal.mail.OutboxMailer;
import io.traveler.shared.security.TravelerAuthentication;
import io.traveler.shared.security.TravelerPrincipal;
import io.traveler.shared.web.Forms;
import io.traveler.shared.web.PageController;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The pages mailed links lead to: accepting an invitation (public; what it offers depends on who opens it), verifying
 * an address; and the organization's outbox, where mail waits when no SMTP server is configured.
 */
@PageController
class InvitationPages {
    private final InvitationService invitations;
    private final EmailVerifications verifications;
    private final OutboxMailer outbox;

    InvitationPages(InvitationService invitations, EmailVerifications verifications, OutboxMailer outbox) {
        this.invitations = invitations;
        this.verifications = verifications;
        this.outbox = outbox;
    }

    @GetMapping("/invitations/{token}")
    String invitation(@PathVariable String token, Model model) {
        return invitationPage(model, token, null);
    }

    /** Signed out: creates the account (or claims an unverified one) with the chosen password, and joins. */
    @PostMapping("/invitations/{token}")
    String acceptSignedOut(
            @PathVariable String token,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String password,
            Model model) {
        return Forms.submit(
                model,
                () -> {
                    model.addAttribute("joined", invitations.accept(token, null, name, password));
                    return "accounts/invitation";
                },
                () -> invitationPage(model, token, name));
    }

    @PostMapping("/invitations/{token}/join")
    String acceptSignedIn(@PathVariable String token, Model model, RedirectAttributes flash) {
        TravelerPrincipal me = TravelerAuthentication.current().orElse(null);
        if (me == null) {
            return "redirect:/invitations/" + token;
        }
        return Forms.submit(
                model,
                () -> {
                    var joined = invitations.accept(token, me, null, null);
                    return Forms.notice(
                            flash,
                            "You are now a member of " + joined.organizationName()
                                    + ". Switch to it with the organization menu.",
                            "redirect:/app/");
                },
                () -> invitationPage(model, token, null));
    }

    @GetMapping("/verify-email/{token}")
    String verification(@PathVariable String token, Model model) {
        model.addAttribute("token", token);
        return "accounts/verify-email";
    }

    @PostMapping("/verify-email/{token}")
    String verify(@PathVariable String token, Model model) {
        model.addAttribute("token", token);
        return Forms.submit(
                model,
                () -> {
                    model.addAttribute("verified", verifications.verify(token));
                    return "accounts/verify-email";
                },
                () -> "accounts/verify-email");
    }

    @PostMapping("/app/account/verify-email")
    String resendVerification(RedirectAttributes flash) {
        TravelerPrincipal me = TravelerAuthentication.current().orElseThrow();
        return Forms.act(
                flash,
                "/app/account",
                "We have sent a new link to " + me.email() + ".",
                () -> verifications.resend(me.actorId()));
    }

    @GetMapping("/app/outbox")
    @PreAuthorize("hasAuthority('users:manage')")
    String outbox(Model model) {
        model.addAttribute("messages", outbox.recent(200));
        return "accounts/outbox";
    }

    private String invitationPage(Model model, String token, String name) {
        model.addAttribute("token", token);
        var preview = invitations.preview(token);
        boolean newAccount = preview.account() == InvitationService.Preview.Account.NONE;
        model.addAttribute("preview", preview);
        model.addAttribute("nameValue", name != null ? name : preview.name());
        model.addAttribute("newAccount", newAccount);
        model.addAttribute("passwordLabel", newAccount ? "Choose a password" : "New password");
        model.addAttribute("signedIn", TravelerAuthentication.current().orElse(null));
        return "accounts/invitation";
    }
}
