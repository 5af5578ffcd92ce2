package io.traveler.accounts.web;

import io.traveler.accounts.internal.OwnAccount;
import io.traveler.accounts.internal.Totp;
import io.traveler.accounts.internal.User;
import io.traveler.accounts.internal.security.Tokens;
import io.traveler.shared.security.TravelerAuthentication;
import io.traveler.shared.security.TravelerPrincipal;
import io.traveler.shared.web.Forms;
import io.traveler.shared.web.PageController;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.UUID;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in user's own account: two-factor sign-in on and off, the password, and their API sessions. */
@PageController
@RequestMapping("/app/account")
class AccountPages {
    private static final String ACCOUNT = "redirect:/app/account";

    private final OwnAccount own;
    private final Totp totp;
    private final Tokens tokens;
    private final SignedInSession session;

    AccountPages(OwnAccount own, Totp totp, Tokens tokens, SignedInSession session) {
        this.own = own;
        this.totp = totp;
        this.tokens = tokens;
        this.session = session;
    }

    @GetMapping
    String account(Model model) {
        User user = own.account(me().actorId());
        model.addAttribute("account", user);
        String pending = own.pendingTotpSecret(user);
        boolean enrolling = pending != null;
        model.addAttribute("enrolling", enrolling);
        if (enrolling) {
            model.addAttribute("secret", inGroupsOfFour(pending));
            model.addAttribute("otpauthUri", totp.provisioningUri(pending, user.email()));
        }
        model.addAttribute("sessions", tokens.sessionsOf(user.id()));
        return "accounts/account";
    }

    @PostMapping("/totp")
    String startTotp(@RequestParam(required = false) String password, Model model) {
        return Forms.submit(
                model,
                () -> {
                    own.startTotpEnrolment(me().actorId(), password);
                    return ACCOUNT;
                },
                () -> account(model));
    }

    @PostMapping("/totp/confirm")
    String confirmTotp(@RequestParam(required = false) String code, Model model, RedirectAttributes flash) {
        return Forms.submit(
                model,
                () -> {
                    own.confirmTotp(me().actorId(), code == null ? null : code.replace(" ", ""));
                    return Forms.notice(
                            flash, "Two-factor sign-in is on. You will be asked for a code when you sign in.", ACCOUNT);
                },
                () -> account(model));
    }

    @PostMapping("/totp/remove")
    String removeTotp(@RequestParam(required = false) String password, Model model, RedirectAttributes flash) {
        return Forms.submit(
                model,
                () -> {
                    own.removeTotp(me().actorId(), password);
                    return Forms.notice(flash, "Two-factor sign-in is off.", ACCOUNT);
                },
                () -> account(model));
    }

    /**
     * A new password ends every session, this one included; the session is renewed at once, so the person who
     * changed it stays signed in here and nowhere else.
     */
    @PostMapping("/password")
    String changePassword(
            @RequestParam(name = "current_password", required = false) String currentPassword,
            @RequestParam(name = "new_password", required = false) String newPassword,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            RedirectAttributes flash) {
        TravelerPrincipal me = me();
        return Forms.submit(
                model,
                () -> {
                    own.changePassword(me.actorId(), currentPassword, newPassword);
                    session.actAs(me.actorId(), me.orgId(), Instant.now(), request, response);
                    return Forms.notice(flash, "Password changed. You have been signed out everywhere else.", ACCOUNT);
                },
                () -> account(model));
    }

    /** Ends one of the user's API sessions (a token they no longer trust): its tokens stop working at once. */
    @PostMapping("/sessions/{id}/end")
    String endSession(@PathVariable UUID id, RedirectAttributes flash) {
        return Forms.act(
                flash,
                "/app/account",
                "The session has ended; its tokens no longer work.",
                () -> tokens.endSession(me().actorId(), id));
    }

    private static TravelerPrincipal me() {
        return TravelerAuthentication.current().orElseThrow();
    }

    /** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP", easier to type into an app. */
    static String inGroupsOfFour(String secret) {
        return secret.replaceAll("(.{4})(?!$)", "$1 ");
    }
}
