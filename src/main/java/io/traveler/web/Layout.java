package io.traveler.web;

import io.traveler.accounts.Accounts;
import io.traveler.shared.security.Permission;
import io.traveler.shared.security.TravelerAuthentication;
import io.traveler.shared.security.TravelerPrincipal;
import io.traveler.shared.web.PageController;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page's layout shows: the signed-in user (whose permissions decide the navigation), the
 * organizations to switch between, and where the user is.
 */
@ControllerAdvice(annotations = PageController.class)
class Layout {
    /** A link of the main navigation, shown to holders of its permission (everyone when null). */
    record NavItem(String label, String path, String permission) {
        boolean isShownTo(TravelerPrincipal me) {
            return permission == null || me.can(permission);
        }

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

    private static final List<NavItem> NAVIGATION = List.of(
            new NavItem("Home", "/app/", null),
            new NavItem("Employees", "/app/employees", Permission.EMPLOYEES_READ.code()),
            new NavItem("Stations", "/app/stations", Permission.STATIONS_READ.code()),
            new NavItem("Locations", "/app/locations", Permission.LOCATIONS_READ.code()),
            new NavItem("Users", "/app/users", Permission.USERS_READ.code()),
            new NavItem("Roles", "/app/roles", Permission.ROLES_READ.code()),
            new NavItem("API keys", "/app/api-keys", Permission.API_KEYS_READ.code()),
            new NavItem("Outbox", "/app/outbox", Permission.USERS_MANAGE.code()),
            new NavItem("Catalog", "/app/catalog", Permission.CATALOG_READ.code()),
            new NavItem("Imports", "/app/imports", Permission.CATALOG_MANAGE.code()),
            new NavItem("Partnerships", "/app/partnerships", Permission.PARTNERSHIPS_READ.code()),
            new NavItem("Organization", "/app/organization/details", Permission.ORGANIZATIONS_READ.code()),
            new NavItem("Settings", "/app/settings", Permission.SETTINGS_READ.code()),
            new NavItem("Audit", "/app/audit", Permission.AUDIT_READ.code()));

    private final Accounts accounts;

    Layout(Accounts accounts) {
        this.accounts = accounts;
    }

    @ModelAttribute
    void populate(Model model, HttpServletRequest request) {
        var me = TravelerAuthentication.current();
        model.addAttribute("me", me.orElse(null));
        model.addAttribute("currentPath", request.getRequestURI());
        model.addAttribute(
                "navigation",
                me.map(user -> NAVIGATION.stream()
                                .filter(item -> item.isShownTo(user))
                                .toList())
                        .orElse(List.of()));
        if (me.isPresent()) {
            model.addAttribute("switcher", new Switcher(accounts));
        }
    }
}
