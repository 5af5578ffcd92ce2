package io.traveler.accounts.web;

import io.traveler.accounts.OrganizationKind;
import io.traveler.accounts.internal.SignupService;
import io.traveler.shared.web.Forms;
import io.traveler.shared.web.PageController;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/** Creates an organization and its first administrator, who then signs in. */
@PageController
class SignupPage {
    private final SignupService signup;

    SignupPage(SignupService signup) {
        this.signup = signup;
    }

    record SignupForm(
            @BindParam("organization_name") @NotBlank(message = "is required") @Size(max = 200)
            String organizationName,

            @BindParam("organization_kind") @NotNull(message = "is required")
            OrganizationKind organizationKind,

            @NotBlank(message = "is required") @Size(max = 200)
            String name,

            @NotBlank(message = "is required") @Email(message = "is not an e-mail address") @Size(max = 254)
            String email,

            @NotBlank(message = "is required") String password) {

        static SignupForm blank() {
            return new SignupForm("", OrganizationKind.FACTORY, "", "", "");
        }
    }

    @GetMapping("/signup")
    String form(Model model) {
        return page(model, SignupForm.blank());
    }

    @PostMapping("/signup")
    String signUp(@Valid SignupForm form, BindingResult binding, Model model) {
        SignupForm shown = form == null ? SignupForm.blank() : form;
        return Forms.save(form, binding, model, () -> page(model, shown), () -> {
            var signed = signup.signUp(
                    form.organizationName(), form.organizationKind(), form.name(), form.email(), form.password());
            return "redirect:/login?signed-up&email=" + URLEncoder.encode(signed.email(), StandardCharsets.UTF_8);
        });
    }

    private String page(Model model, SignupForm form) {
        model.addAttribute("form", form);
        model.addAttribute("kinds", OrganizationKind.values());
        return "accounts/signup";
    }
}
