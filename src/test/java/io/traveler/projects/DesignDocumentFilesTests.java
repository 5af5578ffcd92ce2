package io.traveler.projects;

import static io.traveler.projects.ProjectFixtures.idOf;
import static io.traveler.projects.ProjectFixtures.stage;
import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.PageSession;
import io.traveler.testing.Tenants;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Design documents of projects and products are real files: uploaded on their pages, stored by the documents
 * module (linked to the project or product), recorded as {@code doc:<id>} and downloaded through it.
 */
@ApplicationTest
class DesignDocumentFilesTests {
    private static final byte[] DXF =
            "  0\r\nSECTION\r\n  2\r\nHEADER\r\n  0\r\nENDSEC\r\n  0\r\nEOF\r\n".getBytes(StandardCharsets.US_ASCII);

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void aProjectsDesignDocumentUploadedOnItsPageIsAStoredDocumentItLinksTo() throws Exception {
        var api = new Api(port);
        var fixtures = new ProjectFixtures(api);
        var member = Tenants.in(context).organization("FACTORY");
        var factory = Tenants.in(context).signedIn(member);
        UUID customer = fixtures.customer(factory, "Harbour Store");
        UUID station = fixtures.station(factory, "Cutting");
        JsonNode workflow = fixtures.workflow(factory, "Cabinet", List.of(stage("Cut", station, 60)));
        UUID project = fixtures.project(factory, "Cabinet", customer, idOf(workflow));

        var page = PageSession.signIn(port, member.email());
        page.get("/app/projects/" + project);
        var uploaded =
                page.upload("/app/projects/" + project + "/design-docs", Map.of("type", "DRAWING"), "cabinet.dxf", DXF);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(302);

        JsonNode doc = api.get("/api/projects/" + project + "/design-docs")
                .as(factory)
                .send()
                .json()
                .path("items")
                .path(0);
        String key = doc.path("file_key").asString();
        assertThat(key).startsWith("doc:");
        assertThat(doc.path("file_name").asString()).isEqualTo("cabinet.dxf");
        assertThat(doc.path("content_type").asString()).isEqualTo("image/vnd.dxf");
        UUID documentId = UUID.fromString(key.substring(4));

        var document = api.get("/api/documents/" + documentId).as(factory).send();
        assertThat(document.status()).isEqualTo(200);
        assertThat(document.text("entity_type")).isEqualTo("project");
        assertThat(document.text("entity_id")).isEqualTo(project.toString());
        assertThat(document.text("sha256")).isEqualTo(sha256(DXF));

        assertThat(page.get("/app/projects/" + project).body()).contains("/app/documents/" + documentId + "/content");
        assertThat(page.download("/app/documents/" + documentId + "/content").body())
                .isEqualTo(DXF);

        var refused = page.upload("/app/projects/" + project + "/design-docs", Map.of(), "evil.dxf", new byte[] {
            0x7f, 'E', 'L', 'F', 2, 1, 1
        });
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(api.get("/api/projects/" + project + "/design-docs")
                        .as(factory)
                        .send()
                        .json()
                        .path("items"))
                .as("a refused file records nothing")
                .hasSize(1);
    }

    @Test
    void aProductsDesignDocumentUploadedOnItsPageIsAStoredDocumentItLinksTo() throws Exception {
        var api = new Api(port);
        var fixtures = new ProjectFixtures(api);
        var member = Tenants.in(context).organization("FACTORY");
        var factory = Tenants.in(context).signedIn(member);
        UUID product =
                fixtures.product(factory, "CAB-" + UUID.randomUUID().toString().substring(0, 6));

        var page = PageSession.signIn(port, member.email());
        page.get("/app/catalog/products/" + product);
        byte[] pdf = "%PDF-1.4\n% product spec\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        var uploaded = page.upload(
                "/app/catalog/products/" + product + "/design-docs", Map.of("type", "SPECIFICATION"), "spec.pdf", pdf);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(302);

        JsonNode doc = api.get("/api/products/templates/" + product + "/design-docs")
                .as(factory)
                .send()
                .json()
                .path("items")
                .path(0);
        String key = doc.path("file_key").asString();
        assertThat(key).startsWith("doc:");
        assertThat(doc.path("content_type").asString()).isEqualTo("application/pdf");
        UUID documentId = UUID.fromString(key.substring(4));
        assertThat(api.get("/api/documents/" + documentId).as(factory).send().text("entity_type"))
                .isEqualTo("product");

        assertThat(page.get("/app/catalog/products/" + product).body())
                .contains("/app/documents/" + documentId + "/content");
        assertThat(page.download("/app/documents/" + documentId + "/content").body())
                .isEqualTo(pdf);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void anApiClientLinksAnUploadedDocumentByItsIdAndOnlyItsOwn() {
        var api = new Api(port);
        var fixtures = new ProjectFixtures(api);
        var factory = Tenants.in(context).signedIn("FACTORY");
        var stranger = Tenants.in(context).signedIn("FACTORY");
        UUID customer = fixtures.customer(factory, "Harbour Store");
        UUID station = fixtures.station(factory, "Cutting");
        JsonNode workflow = fixtures.workflow(factory, "Cabinet", List.of(stage("Cut", station, 60)));
        UUID project = fixtures.project(factory, "Cabinet", customer, idOf(workflow));
        String boundary = "design-" + UUID.randomUUID();
        String upload =
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"notes.txt\"\r\n"
                        + "Content-Type: text/plain\r\n\r\nCut the panels first.\r\n--" + boundary + "--\r\n";
        var mine = api.post("/api/documents")
                .as(factory)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .body(upload)
                .send();
        var theirs = api.post("/api/documents")
                .as(stranger)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .body(upload)
                .send();
        assertThat(mine.status()).isEqualTo(201);

        var linked = api.post("/api/projects/" + project + "/design-docs")
                .as(factory)
                .body(Map.of("file_key", "doc:" + mine.id()))
                .send();
        assertThat(linked.status()).as(linked.toString()).isEqualTo(201);
        assertThat(linked.text("file_name")).isEqualTo("notes.txt");
        assertThat(linked.text("content_type")).isEqualTo("text/plain");

        for (String key : List.of("doc:" + theirs.id(), "doc:" + UUID.randomUUID(), "doc:nonsense")) {
            var refused = api.post("/api/projects/" + project + "/design-docs")
                    .as(factory)
                    .body(Map.of("file_key", key, "file_name", "x.txt"))
                    .send();
            assertThat(refused.status()).as(key).isEqualTo(422);
            assertThat(refused.json().path("errors").path(0).path("field").asString())
                    .isEqualTo("file_key");
        }
    }
}
