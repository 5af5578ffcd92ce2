package io.traveler.production;

import static io.traveler.production.ShopFloor.idOf;
import static io.traveler.production.ShopFloor.stage;
import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.PageSession;
import io.traveler.testing.Tenants;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Photos from the floor land in the documents module: a unit's photo is uploaded, named by a photo action or a
 * defect, and a scan naming a document the organization does not have is refused.
 */
@ApplicationTest
class UnitPhotoTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    Api api;
    Api.Tenant caller;
    ShopFloor floor;
    UUID cutting;
    UUID photoAction;
    String serial;
    UUID unit;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        caller = Tenants.in(context).signedIn("FACTORY");
        floor = new ShopFloor(api, caller);
        cutting = floor.station("Cutting");
        JsonNode workflow = floor.workflow(List.of(
                stage("Cut", cutting, Map.of("kind", "photo", "label", "Photo of the edge", "required", true))));
        photoAction = idOf(workflow.path("stages").get(0).path("actions").get(0));
        UUID project = floor.startedProject(idOf(workflow), 1);
        JsonNode first = floor.units(project).getFirst();
        serial = first.path("serial").asString();
        unit = idOf(first);
        ShopFloor.ok(floor.scan(serial, cutting, "start"));
    }

    @Test
    void aPhotoOfTheUnitIsStoredAsADocumentAndMeetsItsPhotoAction() throws Exception {
        byte[] png = png();
        HttpResponse<String> uploaded = upload("/api/units/" + unit + "/photos", "edge.png", png);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        JsonNode photo = Api.parse(uploaded.body());
        assertThat(photo.path("mime_type").asString()).isEqualTo("image/png");
        assertThat(photo.path("sha256").asString())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(png)));
        UUID document = idOf(photo);

        var documents = api.get("/api/documents?entity_type=unit&entity_id=" + unit)
                .as(caller)
                .send();
        assertThat(documents.json().path("items").get(0).path("id").asString()).isEqualTo(document.toString());

        var missing = floor.scan(serial, cutting, "complete");
        assertThat(missing.status()).as(missing.toString()).isEqualTo(409);
        assertThat(missing.text("detail")).contains("Photo of the edge");

        var recorded = floor.scan(serial, cutting, "record_action", "action_id", photoAction, "document_id", document);
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
        assertThat(floor.scan(serial, cutting, "complete").status()).isEqualTo(200);
    }

    @Test
    void aScanNamingADocumentOfNoOneHereIsRefusedAndChangesNothing() throws Exception {
        Api.Tenant stranger = Tenants.in(context).signedIn("FACTORY");
        HttpResponse<String> theirs = upload(stranger, "/api/documents", "theirs.png", png());
        assertThat(theirs.statusCode()).as(theirs.body()).isEqualTo(201);
        UUID strangersDocument = idOf(Api.parse(theirs.body()));

        for (UUID named : List.of(strangersDocument, UUID.randomUUID())) {
            var photo = floor.scan(serial, cutting, "record_action", "action_id", photoAction, "document_id", named);
            assertThat(photo.status()).as(photo.toString()).isEqualTo(422);
            assertThat(photo.raw().body()).contains("document_id");
            var defect = floor.scan(
                    serial,
                    cutting,
                    "report_defect",
                    "defect",
                    Map.of("code", "CHIP", "severity", "minor", "photo_ids", List.of(named)));
            assertThat(defect.status()).as(defect.toString()).isEqualTo(422);
            assertThat(defect.raw().body()).contains("defect.photo_ids");
        }
        var unitNow = api.get("/api/units/" + unit).as(caller).send();
        assertThat(unitNow.json().path("status").asString()).isEqualTo("IN_PROGRESS");

        HttpResponse<String> otherUnit = upload(stranger, "/api/units/" + unit + "/photos", "x.png", png());
        assertThat(otherUnit.statusCode()).isEqualTo(404);
    }

    @Test
    void theScanStationStoresAPhotoOfTheScannedUnitOverItsPageSession() throws Exception {
        var page = PageSession.signIn(port, caller.email());
        page.get("/app/scan");
        var stored = page.upload("/app/scan/photos", Map.of("code", "https://x.example/s/" + serial), "p.png", png());
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
        UUID document = idOf(Api.parse(stored.body()));
        var recorded = floor.scan(serial, cutting, "record_action", "action_id", photoAction, "document_id", document);
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);

        var unknown = page.upload("/app/scan/photos", Map.of("code", "NO-SUCH-UNIT"), "p.png", png());
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> upload(String path, String fileName, byte[] file) throws Exception {
        return upload(caller, path, fileName, file);
    }

    private HttpResponse<String> upload(Api.Tenant as, String path, String fileName, byte[] file) throws Exception {
        String boundary = "photo-" + UUID.randomUUID();
        var body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header("Authorization", "Bearer " + as.token())
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] png() throws Exception {
        var image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 3, 0xff0000);
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
