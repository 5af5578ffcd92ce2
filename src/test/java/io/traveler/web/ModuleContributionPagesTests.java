package io.traveler.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.PageSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The navigation and the home page's tiles are what the modules contribute, filtered by the user's permissions. */
@ApplicationTest
class ModuleContributionPagesTests {
    private static final Pattern NAV =
            Pattern.compile("<nav class=\"nav\" aria-label=\"Main\">(.*?)</nav>", Pattern.DOTALL);
    private static final Pattern LINK = Pattern.compile("<a [^>]*>([^<]+)</a>");
    private static final Pattern TILE =
            Pattern.compile("<span class=\"stat-value\">(\\d+)</span><span class=\"stat-label\">([^<]+)</span>");

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void anAdministratorSeesEveryModulesEntriesAndTilesCountingItsOwnOrganization() throws Exception {
        var factory = api.signUp("FACTORY");
        var other = api.signUp("FACTORY");
        for (var tenant : List.of(factory, other)) {
            assertThat(api.post("/api/stations")
                            .as(tenant)
                            .body(Map.of("name", "Cutting"))
                            .send()
                            .status())
                    .isEqualTo(201);
        }
        assertThat(api.post("/api/stations")
                        .as(other)
                        .body(Map.of("name", "Sewing"))
                        .send()
                        .status())
                .isEqualTo(201);
        assertThat(api.post("/api/catalog/parts")
                        .as(factory)
                        .body(Map.of(
                                "part_number", "P-1", "name", "Bolt", "kind", "COMPONENT", "unit_of_measure", "ea"))
                        .send()
                        .status())
                .isEqualTo(201);

        String home = signedIn(factory.email()).get("/app/").body();

        assertThat(navigation(home))
                .containsExactly(
                        "Home",
                        "Employees",
                        "Stations",
                        "Locations",
                        "Users",
                        "Roles",
                        "API keys",
                        "Outbox",
                        "Scan",
                        "My work",
                        "Customers",
                        "Quotes",
                        "Orders",
                        "Purchase orders",
                        "Workflows",
                        "Catalog",
                        "Configurator",
                        "Projects",
                        "Shop floor",
                        "Defects",
                        "Stock",
                        "Equipment",
                        "Documents",
                        "Suppliers",
                        "Supplier orders",
                        "Reorder",
                        "Imports",
                        "Jobs",
                        "Partnerships",
                        "Organization",
                        "Settings",
                        "Audit");
        Map<String, Long> tiles = tiles(home);
        assertThat(tiles.keySet())
                .containsExactly(
                        "Employees",
                        "Stations",
                        "Locations",
                        "Members",
                        "Active partners",
                        "Customers",
                        "Open orders",
                        "Purchase orders awaiting acceptance",
                        "Active projects",
                        "My open tasks",
                        "Parts",
                        "Products",
                        "Active BOMs",
                        "Units in progress",
                        "Open defects",
                        "Parts in stock",
                        "Maintenance due",
                        "Active workflows",
                        "Parts to reorder",
                        "Supplier orders expected");
        assertThat(tiles)
                .as("counted in the signed-in organization only")
                .containsEntry("Stations", 1L)
                .containsEntry("Members", 1L)
                .containsEntry("Customers", 0L)
                .containsEntry("Open orders", 0L)
                .containsEntry("Purchase orders awaiting acceptance", 0L)
                .containsEntry("Active projects", 0L)
                .containsEntry("My open tasks", 0L)
                .containsEntry("Parts", 1L)
                .containsEntry("Products", 0L)
                .containsEntry("Active BOMs", 0L)
                .containsEntry("Units in progress", 0L)
                .containsEntry("Open defects", 0L)
                .containsEntry("Parts in stock", 0L)
                .containsEntry("Maintenance due", 0L)
                .containsEntry("Active workflows", 0L)
                .containsEntry("Parts to reorder", 0L)
                .containsEntry("Supplier orders expected", 0L);
    }

    @Test
    void aTechnicianSeesNoManageOnlyEntryAndNoTileOfWhatItCannotRead() throws Exception {
        var factory = api.signUp("FACTORY");
        var technician = api.addMember(factory, "TECHNICIAN");

        String home = signedIn(technician.email()).get("/app/").body();

        assertThat(navigation(home))
                .containsExactly(
                        "Home",
                        "Employees",
                        "Stations",
                        "Locations",
                        "Scan",
                        "My work",
                        "Workflows",
                        "Catalog",
                        "Configurator",
                        "Projects",
                        "Shop floor",
                        "Defects",
                        "Stock",
                        "Equipment",
                        "Documents",
                        "Suppliers",
                        "Supplier orders",
                        "Reorder",
                        "Jobs",
                        "Organization");
        assertThat(tiles(home).keySet())
                .containsExactly(
                        "Employees",
                        "Stations",
                        "Locations",
                        "Active projects",
                        "My open tasks",
                        "Parts",
                        "Products",
                        "Active BOMs",
                        "Units in progress",
                        "Open defects",
                        "Parts in stock",
                        "Maintenance due",
                        "Active workflows",
                        "Parts to reorder",
                        "Supplier orders expected");
        assertThat(home).doesNotContain("Latest changes");
    }

    @Test
    void theRolesEditorOffersEveryDeclaredPermissionWithItsModulesDescription() throws Exception {
        var factory = api.signUp("FACTORY");

        String editor = signedIn(factory.email()).get("/app/roles/new").body();

        assertThat(editor)
                .contains("title=\"Approve and activate bills of materials\"")
                .contains("value=\"boms:approve\"")
                .contains("value=\"metrics:read\"")
                .contains("value=\"orders:transition\"")
                .contains("value=\"projects:advance\"")
                .contains("value=\"inventory:read\"")
                .doesNotContain("value=\"quality:read\"");
    }

    private static List<String> navigation(String html) {
        var nav = NAV.matcher(html);
        assertThat(nav.find()).as("the main navigation").isTrue();
        List<String> labels = new ArrayList<>();
        var link = LINK.matcher(nav.group(1));
        while (link.find()) {
            labels.add(link.group(1).trim());
        }
        return labels;
    }

    private static Map<String, Long> tiles(String html) {
        Map<String, Long> tiles = new LinkedHashMap<>();
        var tile = TILE.matcher(html);
        while (tile.find()) {
            tiles.put(tile.group(2), Long.parseLong(tile.group(1)));
        }
        return tiles;
    }

    private PageSession signedIn(String email) throws Exception {
        return PageSession.signIn(port, email);
    }
}
