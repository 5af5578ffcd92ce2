package io.traveler.web;

import io.traveler.audit.AuditTrail;
import io.traveler.shared.ActorNames;
import io.traveler.shared.modules.ModuleRegistry;
import io.traveler.shared.security.TravelerAuthentication;
import io.traveler.shared.security.TravelerPrincipal;
import io.traveler.shared.web.PageController;
import java.util.List;
import java.util.Objects;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page: the modules' live counts of the organization and, for auditors, the latest changes. */
@PageController
class HomePage {
    private static final int LATEST_CHANGES = 10;

    private final ModuleRegistry modules;
    private final AuditTrail audit;
    private final ActorNames actors;

    HomePage(ModuleRegistry modules, AuditTrail audit, ActorNames actors) {
        this.modules = modules;
        this.audit = audit;
        this.actors = actors;
    }

    @GetMapping("/app")
    String withoutSlash() {
        return "redirect:/app/";
    }

    @GetMapping("/app/")
    String home(Model model) {
        TravelerPrincipal me = TravelerAuthentication.current().orElseThrow();
        model.addAttribute("tiles", modules.tilesFor(me));
        if (me.can(AuditTrail.READ)) {
            List<AuditTrail.Entry> latest = audit.latest(LATEST_CHANGES);
            model.addAttribute("latest", latest);
            model.addAttribute(
                    "actorNames",
                    actors.namesOf(latest.stream()
                            .map(AuditTrail.Entry::actorId)
                            .filter(Objects::nonNull)
                            .distinct()
                            .toList()));
        }
        return "home";
    }
}
