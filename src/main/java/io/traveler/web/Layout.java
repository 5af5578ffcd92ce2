package io.traveler.web;

import io.traveler.accounts.Accounts;
import io.traveler.shared.modules.ModuleRegistry;
import io.traveler.shared.security.TravelerAuthentication;
import io.traveler.shared.security.TravelerPrincipal;
import io.traveler.shared.web.PageController;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page's layout shows: the signed-in user (whose permissions decide the navigation), the
 * organizations to switch between, and where the user is.
 */
@ControllerAdvice(annotations = PageController.class)
class Layout {
    /** A link of the main navigation; the modules contribute theirs to the {@link ModuleRegistry}. */
    record NavItem(String label, String path) {
        public boolean isCurrent(String currentPath) {
            return path.equals("/app/") ? currentPath.equals(path) : currentPath.startsWith(path);
        }
    }

    /**
     * The organizations of the user, read only when a page shows the switcher (a form post that redirects
     * never does), and at most once per request.
     */
    static final class Switcher {
        private final Accounts accounts;
        private List<Accounts.OrganizationRef> choices;

        Switcher(Accounts accounts) {
            this.accounts = accounts;
        }

        public List<Accounts.OrganizationRef> choices() {
            if (choices == null) {
                choices = accounts.myOrganizations();
            }
            return choices;
        }

        public boolean offered() {
            return choices().size() > 1;
        }
    }

    private static final NavItem HOME = new NavItem("Home", "/app/");

    private final Accounts accounts;
    private final ModuleRegistry modules;

    Layout(Accounts accounts, ModuleRegistry modules) {
        this.accounts = accounts;
        this.modules = modules;
    }

    @ModelAttribute
    void populate(Model model, HttpServletRequest request) {
        var me = TravelerAuthentication.current();
        model.addAttribute("me", me.orElse(null));
        model.addAttribute("currentPath", request.getRequestURI());
        model.addAttribute("navigation", me.map(this::navigationOf).orElse(List.of()));
        if (me.isPresent()) {
            model.addAttribute("switcher", new Switcher(accounts));
        }
    }

    private List<NavItem> navigationOf(TravelerPrincipal me) {
        return Stream.concat(
                        Stream.of(HOME),
                        modules.navigationFor(me).stream().map(entry -> new NavItem(entry.label(), entry.path())))
                .toList();
    }
}
