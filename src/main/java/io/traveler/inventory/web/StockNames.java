package io.traveler.inventory.web;

import io.traveler.accounts.Accounts;
import io.traveler.inventory.internal.StockViews.Movement;
import io.traveler.projects.ProjectStages;
import io.traveler.settings.OrganizationSettings;
import io.traveler.shared.ActorNames;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What the stock pages show instead of ids: who moved stock, what a movement was for (with a link to it), location
 * paths, times in the organization's time zone and its currency.
 */
@Component
class StockNames {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private final ActorNames actors;
    private final ProjectStages projects;
    private final Accounts accounts;
    private final OrganizationSettings settings;

    StockNames(ActorNames actors, ProjectStages projects, Accounts accounts, OrganizationSettings settings) {
        this.actors = actors;
        this.projects = projects;
        this.accounts = accounts;
        this.settings = settings;
    }

    /** A movement as a row of the ledger shows it. */
    record MovementView(
            Movement movement,
            String kind,
            String quantity,
            String sign,
            String who,
            String reference,
            String referenceLink,
            String at) {}

    /** Formats times in the organization's zone (one per page). */
    static final class When {
        private final ZoneId zone;

        When(ZoneId zone) {
            this.zone = zone;
        }

        public String format(Instant at) {
            return at == null ? null : WHEN.format(at.atZone(zone));
        }
    }

    When lookup() {
        return new When(zone());
    }

    String currency() {
        return settings.current().currency();
    }

    private ZoneId zone() {
        try {
            return ZoneId.of(settings.current().timezone());
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }

    Map<UUID, String> paths() {
        Map<UUID, String> paths = new HashMap<>();
        accounts.allLocations().forEach(l -> paths.put(l.id(), l.path()));
        return paths;
    }

    List<MovementView> movements(List<Movement> movements) {
        Map<UUID, String> who = actors.namesOf(movements.stream()
                .map(Movement::actorId)
                .filter(Objects::nonNull)
                .distinct()
                .toList());
        Map<UUID, String> projectCodes = new HashMap<>();
        When when = lookup();
        return movements.stream()
                .map(m -> new MovementView(
                        m,
                        m.kind().toLowerCase(Locale.ROOT),
                        plain(m.quantity()),
                        sign(m),
                        m.actorId() == null ? null : who.get(m.actorId()),
                        reference(m, projectCodes),
                        link(m),
                        when.format(m.at())))
                .toList();
    }

    /** "+" into a location, "−" out of one; a transfer or a reservation moves nothing in or out of stock. */
    private static String sign(Movement m) {
        return switch (m.kind()) {
            case "RECEIPT", "RETURN" -> "+";
            case "ISSUE", "DAMAGE" -> "−";
            case "ADJUSTMENT" -> m.toLocationId() != null ? "+" : "−";
            default -> "";
        };
    }

    private String reference(Movement m, Map<UUID, String> projectCodes) {
        if (m.referenceType() == null) {
            return null;
        }
        return switch (m.referenceType()) {
            case "PROJECT" ->
                "Project "
                        + projectCodes.computeIfAbsent(m.referenceId(), id -> projects.job(id)
                                .map(ProjectStages.Job::code)
                                .orElse(id.toString().substring(0, 8)));
            case "UNIT" -> "Unit";
            case "CYCLE_COUNT" -> "Cycle count";
            case "PURCHASE_ORDER" -> "Purchase order";
            case "ORDER" -> "Order";
            case "RESERVATION" -> "Reservation";
            default -> "Other";
        };
    }

    private static String link(Movement m) {
        if (m.referenceType() == null) {
            return null;
        }
        return switch (m.referenceType()) {
            case "PROJECT" -> "/app/projects/" + m.referenceId();
            case "UNIT" -> "/app/units/" + m.referenceId();
            case "CYCLE_COUNT" -> "/app/inventory/counts/" + m.referenceId();
            case "ORDER" -> "/app/orders/" + m.referenceId();
            default -> null;
        };
    }

    static String plain(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros().toPlainString();
    }
}
