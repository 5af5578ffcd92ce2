package io.traveler.customers;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A customer's timeline: newest first with a keyset cursor, contacts of that customer only, deleted by its author. */
@ApplicationTest
class TimelineApiTests {
    @LocalServerPort
    int port;

    Api api;
    Api.Tenant shop;
    UUID customer;
    String timeline;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        shop = api.signUp("FACTORY");
        customer = api.post("/api/customers")
                .as(shop)
                .body(Map.of("name", "Trailhead"))
                .send()
                .id();
        timeline = "/api/customers/" + customer + "/interactions";
    }

    private Api.Response add(Api.Tenant as, Map<String, Object> body) {
        return api.post(timeline).as(as).body(body).send();
    }

    @Test
    void theTimelineListsNewestFirstAndPagesByCursor() {
        var jonas = api.post("/api/customers/" + customer + "/contacts")
                .as(shop)
                .body(Map.of("name", "Jonas"))
                .send();
        var call = add(
                shop,
                Map.of(
                        "kind", "CALL",
                        "subject", "Asked about lead times",
                        "occurred_at", "2026-03-01T09:00:00Z",
                        "contact_id", jonas.id()));
        assertThat(call.status()).as(call.toString()).isEqualTo(201);
        assertThat(call.text("author_id")).isEqualTo(shop.userId().toString());
        assertThat(call.text("contact_id")).isEqualTo(jonas.id().toString());
        add(shop, Map.of("kind", "MEETING", "subject", "Visit", "occurred_at", "2026-03-03T09:00:00Z"));
        add(shop, Map.of("kind", "EMAIL", "subject", "Sent the catalogue", "occurred_at", "2026-03-02T09:00:00Z"));
        var note = add(shop, Map.of("kind", "NOTE", "subject", "Prefers e-mail", "body", "Not before 10"));
        assertThat(note.text("occurred_at")).as("now when not given").startsWith(String.valueOf(java.time.Year.now()));

        var first = api.get(timeline + "?limit=2").as(shop).send();
        assertThat(first.status()).isEqualTo(200);
        assertThat(subjects(first)).containsExactly("Prefers e-mail", "Visit");
        String cursor = first.json().path("next_cursor").asString();
        var second = api.get(timeline + "?limit=2&cursor=" + cursor).as(shop).send();
        assertThat(subjects(second)).containsExactly("Sent the catalogue", "Asked about lead times");
        assertThat(second.json().path("next_cursor").isNull()).isTrue();
        assertThat(api.get(timeline + "?cursor=nonsense").as(shop).send().status())
                .isEqualTo(422);
    }

    private static List<String> subjects(Api.Response response) {
        List<String> subjects = new ArrayList<>();
        response.json()
                .path("items")
                .forEach(i -> subjects.add(i.path("subject").asString()));
        return subjects;
    }

    @Test
    void anEntryNamesOnlyThisCustomersContactsAndNeedsAKindAndSubject() {
        var other = api.post("/api/customers")
                .as(shop)
                .body(Map.of("name", "Other"))
                .send();
        var theirContact = api.post("/api/customers/" + other.id() + "/contacts")
                .as(shop)
                .body(Map.of("name", "Not theirs"))
                .send();
        var wrong = add(shop, Map.of("kind", "CALL", "subject", "Hello", "contact_id", theirContact.id()));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.json().path("errors").get(0).path("field").asString()).isEqualTo("contact_id");
        assertThat(add(shop, Map.of("subject", "No kind")).status()).isEqualTo(422);
        assertThat(add(shop, Map.of("kind", "CALL")).status()).isEqualTo(422);
        assertThat(add(shop, Map.of("kind", "FAX", "subject", "Old school")).status())
                .isIn(400, 422);
    }

    @Test
    void onlyItsAuthorDeletesAnEntryAndStrangersSeeNothing() {
        var sales = api.addMember(shop, "SALES_MANAGER");
        var entry = add(shop, Map.of("kind", "NOTE", "subject", "Mine"));
        String path = timeline + "/" + entry.id();

        var bySomeoneElse = api.delete(path).as(sales).ifMatch("\"0\"").send();
        assertThat(bySomeoneElse.status()).isEqualTo(403);
        assertThat(api.delete(path).as(shop).send().status()).isEqualTo(428);

        var stranger = api.signUp("FACTORY");
        assertThat(api.get(timeline).as(stranger).send().status()).isEqualTo(404);
        assertThat(add(stranger, Map.of("kind", "NOTE", "subject", "Spy")).status())
                .isEqualTo(404);
        assertThat(api.delete(path).as(stranger).ifMatch("\"0\"").send().status())
                .isEqualTo(404);

        assertThat(api.delete(path).as(shop).ifMatch("\"0\"").send().status()).isEqualTo(204);
        assertThat(api.get(timeline).as(shop).send().json().path("items")).isEmpty();

        var finance = api.addMember(shop, "FINANCE");
        assertThat(api.get(timeline).as(finance).send().status()).isEqualTo(200);
        assertThat(add(finance, Map.of("kind", "NOTE", "subject", "Reads only")).status())
                .isEqualTo(403);
    }
}
