package io.traveler.web;

import io.traveler.shared.security.TravelerAuthentication;
import io.traveler.shared.web.PageController;
import java.util.Map;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in form; Spring Security handles its POST and sends refusals back here with a reason. */
@PageController
class LoginPage {
    private static final Map<String, String> REASONS = Map.of(
            "bad-credentials", "E-mail or password is wrong.",
            "locked", "Too many failed sign-ins. Your account is locked for a while; try again later.",
            "mfa", "This account uses two-factor sign-in. Enter the one-time code from your authenticator app.",
            "no-organization", "You are not an active member of any organization.",
            "throttled", "Too many sign-in attempts for this account. Please wait a minute, then try again.");

    @GetMapping("/login")
    String login(
            @RequestParam(required = false) String error,
            @RequestParam(required = false) String email,
            @RequestParam(required = false) String logout,
            @RequestParam(name = "signed-up", required = false) String signedUp,
            Model model) {
        if (TravelerAuthentication.current().isPresent()) {
            return "redirect:/app/";
        }
        if (error != null) {
            model.addAttribute("error", REASONS.getOrDefault(error, REASONS.get("bad-credentials")));
        }
        model.addAttribute("askForCode", "mfa".equals(error));
        model.addAttribute("email", email);
        model.addAttribute("signedOut", logout != null);
        model.addAttribute("signedUp", signedUp != null);
        return "login";
    }
}
