package io.traveler.production;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.PageSession;
import io.traveler.testing.Tenants;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The label-printing page as a production reader uses it: reached from the project's page, it lists the units with a
 * box to tick each, prints the ticked ones (or all) as a PDF whose every code decodes to a ticked unit, and links
 * each unit's own label; a member without {@code production:read} is refused.
 */
@ApplicationTest
class LabelPagesTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    record Unit(UUID id, String serial) {}

    @Test
    void aReaderTicksUnitsAndPrintsTheirLabels() throws Exception {
        var api = new Api(port);
        var tenants = Tenants.in(context);
        var factory = tenants.organization("FACTORY");
        var admin = tenants.signedIn(factory);
        UUID project = startedProject(api, admin, 5);
        List<Unit> units = factory.call(() -> transactions.execute(
                status -> jdbc.sql("select id, serial from production.units where project_id = :p order by position")
                        .param("p", project)
                        .query(Unit.class)
                        .list()));
        var reader = tenants.memberWith(factory, "projects:read", "production:read");
        var session = PageSession.signIn(port, reader.email());

        assertThat(session.get("/app/projects/" + project).body())
                .contains("href=\"/app/projects/" + project + "/labels\"");
        var page = session.get("/app/projects/" + project + "/labels");
        assertThat(page.statusCode()).isEqualTo(200);
        for (Unit unit : units) {
            assertThat(page.body())
                    .contains(
                            "name=\"units\" value=\"" + unit.id() + "\"",
                            ">" + unit.serial() + "<",
                            "/app/units/" + unit.id() + "/label.svg");
        }
        assertThat(page.body()).contains("PDF of all 5 units");

        var pdf = session.download(
                "/app/projects/" + project + "/labels.pdf",
                "scope=selected&layout=a4&units=" + units.get(1).id() + "&units="
                        + units.get(4).id());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        Path file = Files.createTempFile("page-labels-", ".pdf");
        Files.write(file, pdf.body());
        assertThat(Decoders.a4Cells(Decoders.pages(file, 150)))
                .containsExactlyInAnyOrder(
                        "http://localhost:8080/s/" + units.get(1).serial(),
                        "http://localhost:8080/s/" + units.get(4).serial());

        var all = session.download("/app/projects/" + project + "/labels.pdf", "scope=all&layout=4x6&from=&to=");
        assertThat(all.statusCode()).isEqualTo(200);
        Files.write(file, all.body());
        assertThat(Decoders.pages(file, 72)).hasSize(5);

        var nothingTicked = session.post("/app/projects/" + project + "/labels.pdf", "scope=selected&layout=a4");
        assertThat(nothingTicked.statusCode()).isEqualTo(302);
        assertThat(session.get("/app/projects/" + project + "/labels").body()).contains("tick the units to print");

        for (String format : List.of("png", "svg", "zpl")) {
            var label = session.get("/app/units/" + units.getFirst().id() + "/label." + format);
            assertThat(label.statusCode()).as(format).isEqualTo(200);
        }
        assertThat(session.get("/app/units/" + units.getFirst().id() + "/label.zpl")
                        .body())
                .contains("^FDMA,http://localhost:8080/s/" + units.getFirst().serial() + "^FS");

        var outsider = PageSession.signIn(
                port, tenants.memberWith(factory, "projects:read").email());
        assertThat(outsider.get("/app/projects/" + project + "/labels").statusCode())
                .isEqualTo(403);
        assertThat(outsider.get("/app/projects/" + project).body()).doesNotContain("/labels\"");
    }

    private static UUID startedProject(Api api, Api.Tenant admin, int quantity) {
        UUID station = api.post("/api/stations")
                .as(admin)
                .body(Map.of("name", "Labelling"))
                .send()
                .id();
        UUID customer = api.post("/api/customers")
                .as(admin)
                .body(Map.of("name", "Harbour"))
                .send()
                .id();
        UUID workflow = api.post("/api/workflows/")
                .as(admin)
                .body(Map.of(
                        "name",
                        "Label line",
                        "stages",
                        List.of(Map.of("name", "Label", "station_id", station, "expected_minutes", 5))))
                .send()
                .id();
        UUID project = api.post("/api/projects/")
                .as(admin)
                .body(Map.of(
                        "name",
                        "Crates",
                        "customer_id",
                        customer,
                        "workflow_id",
                        workflow,
                        "quantity",
                        new BigDecimal(quantity)))
                .send()
                .id();
        assertThat(api.post("/api/projects/" + project + "/start")
                        .as(admin)
                        .send()
                        .status())
                .isEqualTo(200);
        return project;
    }
}
