package io.traveler.production;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.PageSession;
import io.traveler.testing.Tenants;
import java.math.BigDecimal;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The shop floor's pages show the organization's real units, passports, queues, defects and sessions, and nothing
 * to a stranger: another organization's member is told the unit is not there, a member without
 * {@code production:read} is refused, and someone signed out is sent to sign in first (and back to the label).
 */
@ApplicationTest
class ShopFloorPagesTests {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    Api api;
    Tenants tenants;
    Tenants.Member factory;
    Api.Tenant caller;

    /** A started project of three units at Cutting, then Sewing; what the tests scanned is written here. */
    record Floor(UUID project, String code, UUID cutting, UUID sewing, UUID cut, UUID sew, List<Unit> units) {}

    record Unit(UUID id, String serial, int position) {}

    @BeforeEach
    void setUp() {
        api = new Api(port);
        tenants = Tenants.in(context);
        factory = tenants.organization("FACTORY");
        caller = tenants.signedIn(factory);
    }

    @Test
    void theUnitPageShowsWhereTheUnitIsAndEveryPassportEventWithWhoWhereWhenAndDevice() throws Exception {
        Floor floor = floor();
        Unit first = floor.units().getFirst();
        UUID session = session(floor.cutting(), "tablet-7", Instant.now().minus(2, ChronoUnit.HOURS));
        completeStage(first, floor.cut(), floor.cutting(), floor.sew(), floor.sewing(), session);
        action(first, floor.cut());

        String page = signedIn().get("/app/units/" + first.id()).body();

        assertThat(page)
                .contains(first.serial())
                .contains(floor.code())
                .contains("Sewing")
                .contains("/app/stations/" + floor.sewing() + "/queue")
                .contains("data-live=\"org\" data-live-src=\"/app/units/" + first.id() + "\"")
                .contains("/api/units/" + first.id() + "/label.png");
        String passport = between(page, "id=\"passport\"", "</ol>");
        assertThat(Pattern.compile("<li id=\"event-\\d+\"").matcher(passport).results())
                .hasSize(3);
        assertThat(passport)
                .contains("created")
                .contains("started")
                .contains("completed stage")
                .contains("device tablet-7")
                .contains("Administrator")
                .contains("Cutting");
        assertThat(between(page, "id=\"unit-actions\"", "</tbody>"))
                .contains("12.5<")
                .contains("within tolerance");
    }

    /** A long passport: the page shows its latest events, oldest of them first, and says how many there are. */
    @Test
    void theUnitPageShowsTheLatestFiveHundredEventsOfALongPassportAndSaysHowManyThereAre() throws Exception {
        Floor floor = floor();
        Unit unit = floor.units().getFirst();
        int total = 520;
        factory.run(() -> transactions.executeWithoutResult(status -> {
            int recorded = jdbc.sql("select event_seq from production.units where id = :unit")
                    .param("unit", unit.id())
                    .query(Integer.class)
                    .single();
            jdbc.sql("""
                            insert into production.unit_events (org_id, id, unit_id, seq, kind, station_id, at,
                                                                recorded_at)
                            select u.org_id, gen_random_uuid(), u.id, n, 'SCANNED', :station, now(), now()
                              from production.units u, generate_series(:from, :to) n
                             where u.id = :unit""")
                    .param("station", floor.cutting())
                    .param("from", recorded + 1)
                    .param("to", total)
                    .param("unit", unit.id())
                    .update();
            jdbc.sql("update production.units set event_seq = :total where id = :unit")
                    .param("total", total)
                    .param("unit", unit.id())
                    .update();
        }));

        String page = signedIn().get("/app/units/" + unit.id()).body();

        List<String> shown = Pattern.compile("<li id=\"event-(\\d+)\"")
                .matcher(between(page, "id=\"passport\"", "</ol>"))
                .results()
                .map(match -> match.group(1))
                .toList();
        assertThat(shown).hasSize(500);
        assertThat(shown.getFirst()).isEqualTo(String.valueOf(total - 499));
        assertThat(shown.getLast()).isEqualTo(String.valueOf(total));
        assertThat(page).contains("the latest 500 of " + total + " events (GET /api/units/" + unit.id() + "/events");
    }

    @Test
    void aUnitScannedThroughTheScanApiShowsEachScanOnItsPassportAndMovesToTheNextStationsBoard() throws Exception {
        Floor floor = floor();
        Unit unit = floor.units().getFirst();
        var shopFloor = new ShopFloor(api, caller);
        ShopFloor.ok(shopFloor.scan(unit.serial(), floor.cutting(), "start"));
        ShopFloor.ok(shopFloor.scan(unit.serial(), floor.cutting(), "complete"));

        PageSession member = signedIn();
        String passport = between(member.get("/app/units/" + unit.id()).body(), "id=\"passport\"", "</ol>");
        assertThat(passport).contains("started").contains("completed stage").contains("Cutting");
        assertThat(rowsOf(
                        member.get("/app/stations/" + floor.sewing() + "/queue").body(), "queue-"))
                .containsExactly(unit.serial());
        assertThat(rowsOf(
                        member.get("/app/stations/" + floor.cutting() + "/queue")
                                .body(),
                        "queue-"))
                .doesNotContain(unit.serial());
        assertThat(between(member.get("/app/production").body(), "id=\"session-rows\"", "</tbody>"))
                .contains("Administrator")
                .contains("Cutting")
                .contains("web");
    }

    @Test
    void aLabelsAddressTakesAMemberToTheUnitAndSomeoneSignedOutThroughSignInBackToIt() throws Exception {
        Floor floor = floor();
        Unit unit = floor.units().get(1);

        var member = signedIn().get("/s/" + unit.serial());
        assertThat(member.statusCode()).isEqualTo(302);
        assertThat(member.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/app/units/" + unit.id()));

        var browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        var asked = get(browser, "/s/" + unit.serial());
        assertThat(asked.statusCode()).isEqualTo(302);
        assertThat(asked.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(asked.body()).doesNotContain(unit.id().toString());
        var login = get(browser, "/login");
        Matcher token = CSRF.matcher(login.body());
        assertThat(token.find()).isTrue();
        var signedIn = browser.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("email="
                                + URLEncoder.encode(factory.email(), StandardCharsets.UTF_8) + "&password="
                                + URLEncoder.encode(Api.PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
                                + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        String back = signedIn.headers().firstValue("Location").orElseThrow();
        assertThat(URI.create(back).getPath()).isEqualTo("/s/" + unit.serial());
        URI backTo = URI.create(back);
        var landed =
                get(browser, backTo.getRawPath() + (backTo.getRawQuery() == null ? "" : "?" + backTo.getRawQuery()));
        assertThat(landed.statusCode()).isEqualTo(302);
        assertThat(landed.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/app/units/" + unit.id()));
        assertThat(get(browser, "/app/units/" + unit.id()).body()).contains(unit.serial());
    }

    @Test
    void anotherOrganizationsMemberFindsNoneOfTheUnitsPagesAndAMemberWithoutTheReadPermissionIsRefused()
            throws Exception {
        Floor floor = floor();
        Unit unit = floor.units().getFirst();
        defect(unit, floor.cut(), floor.cutting(), floor.project(), "SEAM", null);
        List<String> pages = List.of(
                "/app/units/" + unit.id(),
                "/app/stations/" + floor.cutting() + "/queue",
                "/app/projects/" + floor.project() + "/units",
                "/app/projects/" + floor.project() + "/units/summary");

        Tenants.Member stranger = tenants.organization("FACTORY");
        PageSession theirs = PageSession.signIn(port, stranger.email());
        assertThat(theirs.get("/s/" + unit.serial()).statusCode()).isEqualTo(404);
        for (String page : pages) {
            var answer = theirs.get(page);
            assertThat(answer.statusCode()).as(page).isEqualTo(404);
            assertThat(answer.body()).as(page).doesNotContain(unit.serial());
        }
        for (String page : List.of("/app/defects", "/app/production")) {
            var answer = theirs.get(page);
            assertThat(answer.statusCode()).as(page).isEqualTo(200);
            assertThat(answer.body()).as(page).doesNotContain(unit.serial()).doesNotContain(floor.code());
        }

        Tenants.Member planner = tenants.memberWith(factory, "projects:read");
        PageSession refused = PageSession.signIn(port, planner.email());
        for (String page : List.of(
                "/s/" + unit.serial(),
                "/app/units/" + unit.id(),
                "/app/stations/" + floor.cutting() + "/queue",
                "/app/projects/" + floor.project() + "/units",
                "/app/defects",
                "/app/production")) {
            var answer = refused.get(page);
            assertThat(answer.statusCode()).as(page).isEqualTo(403);
            assertThat(answer.body()).as(page).doesNotContain(unit.serial());
        }
        assertThat(refused.get("/app/projects/" + floor.project()).body()).doesNotContain("/units/summary");
    }

    @Test
    void theStationsQueueBoardListsItsWaitingUnitsByPriorityThenDueDateThenAge() throws Exception {
        Floor floor = floor();
        Unit first = floor.units().get(0);
        Unit second = floor.units().get(1);
        Unit third = floor.units().get(2);
        UUID session = session(floor.cutting(), "web", Instant.now().minus(1, ChronoUnit.HOURS));
        completeStage(first, floor.cut(), floor.cutting(), floor.sew(), floor.sewing(), session);
        setQueue(second, 1, LocalDate.now().plusDays(9), Instant.now().minus(3, ChronoUnit.HOURS));
        setQueue(third, 1, LocalDate.now().plusDays(2), Instant.now().minus(1, ChronoUnit.HOURS));

        PageSession member = signedIn();
        String cutting =
                member.get("/app/stations/" + floor.cutting() + "/queue").body();
        assertThat(cutting).contains("data-live=\"station:" + floor.cutting() + "\"");
        assertThat(rowsOf(cutting, "queue-")).containsExactly(third.serial(), second.serial());
        assertThat(between(cutting, "id=\"queue-" + second.serial() + "\"", "</tr>"))
                .contains(floor.code())
                .contains("Cut")
                .contains("3 h");

        setQueue(second, 3, LocalDate.now().plusDays(9), Instant.now().minus(3, ChronoUnit.HOURS));
        assertThat(rowsOf(
                        member.get("/app/stations/" + floor.cutting() + "/queue")
                                .body(),
                        "queue-"))
                .as("an urgent unit goes first")
                .containsExactly(second.serial(), third.serial());
        assertThat(rowsOf(
                        member.get("/app/stations/" + floor.sewing() + "/queue").body(), "queue-"))
                .containsExactly(first.serial());
    }

    @Test
    void theProjectsUnitsAreCountedPerStageAndStatusAndListedWithFiltersAndPages() throws Exception {
        Floor floor = floor();
        Unit first = floor.units().get(0);
        Unit second = floor.units().get(1);
        completeStage(first, floor.cut(), floor.cutting(), floor.sew(), floor.sewing(), null);
        defect(second, floor.cut(), floor.cutting(), floor.project(), "SEAM", null);

        PageSession member = signedIn();
        assertThat(member.get("/app/projects/" + floor.project()).body())
                .contains("hx-get=\"/app/projects/" + floor.project() + "/units/summary\"");
        String summary = member.get("/app/projects/" + floor.project() + "/units/summary")
                .body();
        assertThat(between(summary, "id=\"units-stage-1\"", "</tr>"))
                .contains("status=QUEUED&amp;stage=1\">1</a>")
                .contains("status=DEFECTIVE&amp;stage=1\">1</a>");
        assertThat(between(summary, "id=\"units-stage-2\"", "</tr>")).contains("status=QUEUED&amp;stage=2\">1</a>");

        String all = member.get("/app/projects/" + floor.project() + "/units").body();
        assertThat(unitLinks(all))
                .containsExactly(
                        first.serial(), second.serial(), floor.units().get(2).serial());
        assertThat(unitLinks(member.get("/app/projects/" + floor.project() + "/units?status=defective")
                        .body()))
                .containsExactly(second.serial());
        assertThat(unitLinks(member.get("/app/projects/" + floor.project() + "/units?stage=1")
                        .body()))
                .containsExactly(second.serial(), floor.units().get(2).serial());
        assertThat(unitLinks(member.get("/app/projects/" + floor.project() + "/units?cursor=2")
                        .body()))
                .as("the page after position 2")
                .containsExactly(floor.units().get(2).serial());
        assertThat(member.get("/app/projects/" + floor.project() + "/units?cursor=nope")
                        .statusCode())
                .isEqualTo(422);
    }

    @Test
    void theDefectLogFiltersByDecisionCodeStationAndProjectAndLinksPhotos() throws Exception {
        Floor floor = floor();
        Unit first = floor.units().get(0);
        Unit second = floor.units().get(1);
        UUID photo = UUID.randomUUID();
        UUID open = defect(first, floor.cut(), floor.cutting(), floor.project(), "SEAM", photo);
        UUID decided = defect(second, floor.cut(), floor.cutting(), floor.project(), "STAIN", null);
        factory.run(() -> transactions.executeWithoutResult(
                status -> jdbc.sql("""
                        update production.defects set disposition = 'USE_AS_IS', disposed_at = now(),
                               disposition_note = 'Barely visible' where id = :id""").param("id", decided).update()));

        PageSession member = signedIn();
        String log = member.get("/app/defects").body();
        assertThat(rowsOf(log, "defect-")).containsExactlyInAnyOrder(open.toString(), decided.toString());
        assertThat(between(log, "id=\"defect-" + open + "\"", "</tr>"))
                .contains(first.serial())
                .contains(floor.code())
                .contains("major")
                .contains("/api/documents/" + photo + "/content")
                .contains("action=\"/app/defects/" + open + "/disposition\"");
        assertThat(between(log, "id=\"defect-" + decided + "\"", "</tr>"))
                .contains("use as is")
                .contains("Barely visible")
                .doesNotContain("/disposition\"");
        assertThat(rowsOf(member.get("/app/defects?state=open").body(), "defect-"))
                .containsExactly(open.toString());
        assertThat(rowsOf(member.get("/app/defects?state=decided").body(), "defect-"))
                .containsExactly(decided.toString());
        assertThat(rowsOf(member.get("/app/defects?code=STAIN").body(), "defect-"))
                .containsExactly(decided.toString());
        assertThat(rowsOf(
                        member.get("/app/defects?station_id=" + floor.sewing()).body(), "defect-"))
                .isEmpty();
        assertThat(rowsOf(
                        member.get("/app/defects?project_id=" + floor.project() + "&station_id=" + floor.cutting())
                                .body(),
                        "defect-"))
                .hasSize(2);

        Tenants.Member reader = tenants.memberWith(factory, "production:read");
        assertThat(PageSession.signIn(port, reader.email()).get("/app/defects").body())
                .as("no disposition form without production:dispose")
                .contains(first.serial())
                .doesNotContain("/disposition\"");
    }

    @Test
    void theDispositionFormSendsTheUnitBackForReworkAndOnlyAHolderOfDisposeInItsOrganizationDecides() throws Exception {
        Floor floor = floor();
        Unit unit = floor.units().getFirst();
        var shopFloor = new ShopFloor(api, caller);
        ShopFloor.ok(shopFloor.scan(unit.serial(), floor.cutting(), "start"));
        ShopFloor.ok(shopFloor.scan(
                unit.serial(),
                floor.cutting(),
                "report_defect",
                "defect",
                Map.of("code", "SEAM", "severity", "MAJOR", "description", "Seam open")));
        UUID defect = factory.call(
                () -> transactions.execute(status -> jdbc.sql("select id from production.defects where unit_id = :unit")
                        .param("unit", unit.id())
                        .query(UUID.class)
                        .single()));
        String decision = "disposition=REWORK&rework_stage_id=" + floor.cut() + "&note=Resew";

        Tenants.Member reader = tenants.memberWith(factory, "production:read");
        assertThat(PageSession.signIn(port, reader.email())
                        .post("/app/defects/" + defect + "/disposition", decision)
                        .statusCode())
                .isEqualTo(403);
        Tenants.Member stranger = tenants.organization("FACTORY");
        assertThat(PageSession.signIn(port, stranger.email())
                        .post("/app/defects/" + defect + "/disposition", decision)
                        .statusCode())
                .as("another organization's defect is not found")
                .isEqualTo(404);
        assertThat(status(unit)).as("neither changed the unit").isEqualTo("DEFECTIVE");

        PageSession inspector = PageSession.signIn(
                port,
                tenants.memberWith(factory, "production:read", "production:dispose")
                        .email());
        var refused = inspector.submit("/app/defects/" + defect + "/disposition", "disposition=REWORK&note=Resew");
        assertThat(inspector
                        .get(refused.headers()
                                .firstValue("Location")
                                .orElseThrow()
                                .replaceFirst("^https?://[^/]+", ""))
                        .body())
                .contains("rework_stage_id");
        assertThat(status(unit)).isEqualTo("DEFECTIVE");

        var decided = inspector.submit("/app/defects/" + defect + "/disposition", decision);
        assertThat(decided.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/app/defects"));
        assertThat(status(unit)).isEqualTo("REWORK");
        String log = inspector.get("/app/defects").body();
        assertThat(log).contains("Decided: rework.");
        assertThat(between(log, "id=\"defect-" + defect + "\"", "</tr>"))
                .contains("rework")
                .contains("to Cut")
                .contains("Resew")
                .doesNotContain("/disposition\"");
        assertThat(between(inspector.get("/app/units/" + unit.id()).body(), "id=\"passport\"", "</ol>"))
                .contains("disposed")
                .contains("rework");
    }

    @Test
    void theShopFloorPageShowsFirstPassYieldDefectCountsQueuesAndScanSessionsWithTheirPace() throws Exception {
        Floor floor = floor();
        Unit clean = floor.units().get(0);
        Unit troubled = floor.units().get(1);
        UUID session = session(floor.cutting(), "tablet-9", Instant.now().minus(30, ChronoUnit.MINUTES));
        completeStage(clean, floor.cut(), floor.cutting(), floor.sew(), floor.sewing(), session);
        defect(troubled, floor.cut(), floor.cutting(), floor.project(), "SEAM", null);
        factory.run(() -> transactions.executeWithoutResult(
                status -> jdbc.sql("""
                        update production.defects set disposition = 'USE_AS_IS', disposed_at = now()
                         where unit_id = :unit""").param("unit", troubled.id()).update()));
        completeStage(troubled, floor.cut(), floor.cutting(), floor.sew(), floor.sewing(), session);

        String page = signedIn().get("/app/production").body();

        assertThat(between(page, "id=\"yield-rows\"", "</tbody>"))
                .contains(floor.code())
                .contains("Cut")
                .contains("<td class=\"num\">2</td>")
                .contains("<td class=\"num\">1</td>")
                .contains("50.0 %");
        assertThat(between(page, "id=\"defect-count-rows\"", "</tbody>"))
                .contains("SEAM")
                .contains("Cut");
        assertThat(between(page, "id=\"station-queues\"", "</ul>"))
                .contains("/app/stations/" + floor.cutting() + "/queue")
                .contains("/app/stations/" + floor.sewing() + "/queue");
        String sessions = between(page, "id=\"session-rows\"", "</tbody>");
        assertThat(sessions)
                .contains("tablet-9")
                .contains("Administrator")
                .contains("Cutting")
                .contains("<td class=\"num\">4</td>")
                .contains("/ h");
    }

    // --- the floor, written as the scan core writes it ---------------------------------------------------------

    private Floor floor() {
        UUID cutting = created(api.post("/api/stations")
                .as(caller)
                .body(Map.of("name", "Cutting"))
                .send());
        UUID sewing = created(api.post("/api/stations")
                .as(caller)
                .body(Map.of("name", "Sewing"))
                .send());
        UUID customer = created(api.post("/api/customers")
                .as(caller)
                .body(Map.of("name", "Harbour"))
                .send());
        UUID workflow = created(api.post("/api/workflows/")
                .as(caller)
                .body(Map.of(
                        "name",
                        "Line " + UUID.randomUUID(),
                        "stages",
                        List.of(
                                Map.of("name", "Cut", "station_id", cutting, "expected_minutes", 10),
                                Map.of("name", "Sew", "station_id", sewing, "expected_minutes", 10))))
                .send());
        var project = api.post("/api/projects/")
                .as(caller)
                .body(Map.of(
                        "name",
                        "Chairs",
                        "customer_id",
                        customer,
                        "workflow_id",
                        workflow,
                        "quantity",
                        BigDecimal.valueOf(3)))
                .send();
        UUID projectId = created(project);
        var started =
                api.post("/api/projects/" + projectId + "/start/").as(caller).send();
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        return factory.call(() -> transactions.execute(status -> {
            List<UUID> stages = jdbc.sql(
                            "select id from projects.stage_instances where project_id = :p order by position")
                    .param("p", projectId)
                    .query(UUID.class)
                    .list();
            String code = jdbc.sql("select code from projects.projects where id = :p")
                    .param("p", projectId)
                    .query(String.class)
                    .single();
            List<Unit> units = jdbc.sql(
                            "select id, serial, position from production.units where project_id = :p order by position")
                    .param("p", projectId)
                    .query(Unit.class)
                    .list();
            return new Floor(projectId, code, cutting, sewing, stages.get(0), stages.get(1), units);
        }));
    }

    private UUID session(UUID station, String device, Instant started) {
        UUID id = UUID.randomUUID();
        factory.run(() -> transactions.executeWithoutResult(status -> jdbc.sql("""
                        insert into production.scan_sessions (org_id, id, user_id, station_id, device_id, started_at,
                                last_at)
                        values (:org, :id, :user, :station, :device, :started, now())""")
                .param("org", factory.orgId())
                .param("id", id)
                .param("user", factory.userId())
                .param("station", station)
                .param("device", device)
                .param("started", Timestamp.from(started))
                .update()));
        return id;
    }

    /** Appends a passport event under the unit's row lock, as the scan core does. */
    private void appendEvent(Unit unit, String kind, UUID stage, UUID station, UUID session, String device) {
        int seq = jdbc.sql("""
                        update production.units set event_seq = event_seq + 1, updated_at = now(),
                               status = case when :kind = 'STARTED' then 'IN_PROGRESS' else status end
                         where id = :id returning event_seq""")
                .param("kind", kind)
                .param("id", unit.id())
                .query(Integer.class)
                .single();
        jdbc.sql("""
                        insert into production.unit_events (org_id, id, unit_id, seq, kind, stage_instance_id,
                                station_id, actor_id, device_id, session_id, at, recorded_at)
                        values (:org, :id, :unit, :seq, :kind, :stage, :station, :actor, :device, :session, now(), now())""")
                .param("org", factory.orgId())
                .param("id", UUID.randomUUID())
                .param("unit", unit.id())
                .param("seq", seq)
                .param("kind", kind)
                .param("stage", stage)
                .param("station", station)
                .param("actor", factory.userId())
                .param("device", device)
                .param("session", session)
                .update();
    }

    /** STARTED and COMPLETED_STAGE at the first stage, and the unit queued at the second. */
    private void completeStage(Unit unit, UUID stage, UUID station, UUID next, UUID nextStation, UUID session) {
        String device = session == null ? null : "tablet-7";
        factory.run(() -> transactions.executeWithoutResult(status -> {
            appendEvent(unit, "STARTED", stage, station, session, device);
            appendEvent(unit, "COMPLETED_STAGE", stage, station, session, device);
            jdbc.sql("""
                            update production.units set stage_instance_id = :next, stage_position = 2,
                                   station_id = :station, status = 'QUEUED', stage_entry = 1, entered_stage_at = now()
                             where id = :id""")
                    .param("next", next)
                    .param("station", nextStation)
                    .param("id", unit.id())
                    .update();
        }));
    }

    private void action(Unit unit, UUID stage) {
        factory.run(() -> transactions.executeWithoutResult(status -> {
            UUID action = jdbc.sql("""
                            insert into workflows.stage_actions (org_id, id, stage_id, position, kind, label, required,
                                    unit, target_value, tolerance)
                            select s.org_id, :id, s.stage_id, 99, 'MEASUREMENT', 'Length', false, 'mm', 12.5, 0.5
                              from projects.stage_instances s where s.id = :stage
                            returning id""")
                    .param("id", UUID.randomUUID())
                    .param("stage", stage)
                    .query(UUID.class)
                    .single();
            jdbc.sql("""
                            insert into production.unit_actions (org_id, id, unit_id, stage_instance_id, stage_entry,
                                    action_id, kind, measured_value, within_tolerance, actor_id, at)
                            values (:org, :id, :unit, :stage, 1, :action, 'MEASUREMENT', 12.5, true, :actor, now())""")
                    .param("org", factory.orgId())
                    .param("id", UUID.randomUUID())
                    .param("unit", unit.id())
                    .param("stage", stage)
                    .param("action", action)
                    .param("actor", factory.userId())
                    .update();
        }));
    }

    private UUID defect(Unit unit, UUID stage, UUID station, UUID project, String code, UUID photo) {
        UUID id = UUID.randomUUID();
        factory.run(() -> transactions.executeWithoutResult(status -> {
            appendEvent(unit, "DEFECT_REPORTED", stage, station, null, "web");
            jdbc.sql("update production.units set status = 'DEFECTIVE' where id = :id")
                    .param("id", unit.id())
                    .update();
            jdbc.sql("""
                            insert into production.defects (org_id, id, unit_id, project_id, stage_instance_id,
                                    station_id, code, severity, description, photo_ids, reported_by, reported_at)
                            values (:org, :id, :unit, :project, :stage, :station, :code, 'MAJOR', 'Loose thread',
                                    :photos, :actor, now())""")
                    .param("org", factory.orgId())
                    .param("id", id)
                    .param("unit", unit.id())
                    .param("project", project)
                    .param("stage", stage)
                    .param("station", station)
                    .param("code", code)
                    .param("photos", photo == null ? new UUID[0] : new UUID[] {photo})
                    .param("actor", factory.userId())
                    .update();
        }));
        return id;
    }

    private void setQueue(Unit unit, int priority, LocalDate due, Instant entered) {
        factory.run(() -> transactions.executeWithoutResult(status -> jdbc.sql("""
                        update production.units set priority = :priority, due_date = :due, entered_stage_at = :entered
                         where id = :id""")
                .param("priority", priority)
                .param("due", due)
                .param("entered", Timestamp.from(entered))
                .param("id", unit.id())
                .update()));
    }

    private String status(Unit unit) {
        return factory.call(
                () -> transactions.execute(status -> jdbc.sql("select status from production.units where id = :id")
                        .param("id", unit.id())
                        .query(String.class)
                        .single()));
    }

    // --- reading pages -----------------------------------------------------------------------------------------

    private PageSession signedIn() throws Exception {
        return PageSession.signIn(port, factory.email());
    }

    private HttpResponse<String> get(HttpClient browser, String path) throws Exception {
        return browser.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> rowsOf(String html, String prefix) {
        return Pattern.compile("<tr id=\"" + Pattern.quote(prefix) + "([^\"]+)\"")
                .matcher(html)
                .results()
                .map(m -> m.group(1))
                .toList();
    }

    private static List<String> unitLinks(String html) {
        return Pattern.compile("<a href=\"/app/units/[^\"]+\">([^<]+)</a>")
                .matcher(between(html, "id=\"unit-rows\"", "</tbody>"))
                .results()
                .map(m -> m.group(1))
                .toList();
    }

    private static String between(String html, String start, String end) {
        int from = html.indexOf(start);
        assertThat(from).as("the page has " + start).isNotNegative();
        int to = html.indexOf(end, from);
        return html.substring(from, to < 0 ? html.length() : to);
    }

    private static UUID created(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.id();
    }
}
