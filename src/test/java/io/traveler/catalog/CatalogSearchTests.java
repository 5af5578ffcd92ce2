package io.traveler.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Tenants;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** The {@code ?q=} search: misspelt words corrected through the organization's own words, ranked, paged. */
@ApplicationTest
class CatalogSearchTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    Api api;
    Api.Tenant owner;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        owner = Tenants.in(context).signedIn("FACTORY");
        part("VLV-TI-1", "Valve titanium M8x20 polished");
        part("VLV-ST-1", "Valve steel M8x20 raw");
        part("BLT-TI-1", "Bolt titanium M6x30 anodized");
        part("SPR-ST-1", "Spring stainless M4x10 black oxide");
        part("RIV-AL-7", "Rivet aluminium M3x5 black oxide");
    }

    @Test
    void aMisspeltWordNextToACommonOneFindsWhatHoldsBoth() {
        assertThat(search("valev titanium")).containsExactly("VLV-TI-1");
        assertThat(search("rivett black oxide")).containsExactly("RIV-AL-7");
        assertThat(search("stainles")).containsExactly("SPR-ST-1");
    }

    @Test
    void swappedLettersAndATypedBeginningAreFound() {
        assertThat(search("spinrg")).containsExactly("SPR-ST-1");
        assertThat(search("titan")).containsExactlyInAnyOrder("VLV-TI-1", "BLT-TI-1");
        assertThat(search("M8")).containsExactlyInAnyOrder("VLV-TI-1", "VLV-ST-1");
        assertThat(search("VLV-T")).containsExactly("VLV-TI-1");
    }

    @Test
    void wordsAsTypedRankAboveTheirLookAlikesAndNoRowHoldingThemAllFallsBackToAnyOfThem() {
        part("VLV-XX-9", "Valev adapter brass");
        assertThat(search("valev").getFirst()).isEqualTo("VLV-XX-9");
        assertThat(search("valve"))
                .as("the look-alike of a typed word matches, after it")
                .containsExactly("VLV-ST-1", "VLV-TI-1", "VLV-XX-9");
        assertThat(search("bolt spring")).containsExactlyInAnyOrder("BLT-TI-1", "SPR-ST-1");
        assertThat(search("qqqqq")).isEmpty();
    }

    @Test
    void wordsOfAnotherOrganizationCorrectNothing() {
        var other = Tenants.in(context).signedIn("BRAND");
        api.post("/api/catalog/parts")
                .as(other)
                .body(Map.of(
                        "part_number",
                        "GSK-1",
                        "name",
                        "Gasket silicone",
                        "kind",
                        "COMPONENT",
                        "unit_of_measure",
                        "ea",
                        "unit_cost",
                        1))
                .send();
        part("GSK-2", "Gasket rubber");
        assertThat(search("silicon"))
                .as("only the other organization has the word")
                .isEmpty();
        assertThat(search("gaskett")).containsExactly("GSK-2");
    }

    @Test
    void rankedResultsPageWithACursor() {
        for (int i = 0; i < 7; i++) {
            part("WSH-" + i, "Washer nylon M" + (3 + i) + " raw");
        }
        List<String> seen = new ArrayList<>();
        String path = "/api/catalog/parts?limit=3&q=" + encoded("wahser nylon");
        while (path != null) {
            var page = api.get(path).as(owner).send().json();
            page.path("items").forEach(n -> seen.add(n.path("part_number").asString()));
            String next = page.path("next_cursor").asString(null);
            path = next == null ? null : "/api/catalog/parts?limit=3&q=" + encoded("wahser nylon") + "&cursor=" + next;
        }
        assertThat(seen).hasSize(7).doesNotHaveDuplicates().allMatch(n -> n.startsWith("WSH-"));
    }

    private void part(String number, String name) {
        var created = api.post("/api/catalog/parts")
                .as(owner)
                .body(Map.of(
                        "part_number",
                        number,
                        "name",
                        name,
                        "kind",
                        "HARDWARE",
                        "unit_of_measure",
                        "ea",
                        "unit_cost",
                        1))
                .send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    private List<String> search(String q) {
        List<String> found = new ArrayList<>();
        api.get("/api/catalog/parts?q=" + encoded(q))
                .as(owner)
                .send()
                .json()
                .path("items")
                .forEach(n -> found.add(n.path("part_number").asString()));
        return found;
    }

    private static String encoded(String q) {
        return URLEncoder.encode(q, StandardCharsets.UTF_8);
    }
}
