package io.traveler.documents;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Tenants;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** The documents API as its clients and its attackers use it. */
@ApplicationTest
class DocumentsApiTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Value("${traveler.data-dir}")
    Path dataDir;

    Api api;
    Uploads uploads;
    Tenants tenants;
    Tenants.Member org;
    Api.Tenant admin;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        uploads = new Uploads(port);
        tenants = Tenants.in(context);
        org = tenants.organization("FACTORY");
        admin = tenants.signedIn(org);
    }

    private Uploads.Answer upload(Api.Tenant as, Uploads.Form form) {
        return uploads.post("/api/documents", as.token(), form);
    }

    @Test
    void anUploadComesBackByteForByteWithItsDetectedTypeAndHash() {
        byte[] png = Uploads.png(1);
        var stored = upload(
                admin,
                Uploads.form()
                        .file("photo.png", "application/octet-stream", png)
                        .field("name", "Weld seam")
                        .field("type", "photo")
                        .field("tags", "weld, seam"));

        assertThat(stored.status()).as("%s", stored).isEqualTo(201);
        assertThat(stored.text("mime_type")).isEqualTo("image/png");
        assertThat(stored.text("sha256")).isEqualTo(Uploads.sha256(png));
        assertThat(stored.json().path("size_bytes").asLong()).isEqualTo(png.length);
        assertThat(stored.text("type")).isEqualTo("PHOTO");
        assertThat(stored.json().path("version").asInt()).isEqualTo(1);
        assertThat(stored.header("ETag")).isNotNull();
        assertThat(stored.header("Location")).isEqualTo("/api/documents/" + stored.id());

        var content = uploads.get("/api/documents/" + stored.id() + "/content", admin.token());
        assertThat(content.status()).isEqualTo(200);
        assertThat(content.raw().body()).isEqualTo(png);
        assertThat(content.header("Content-Type")).isEqualTo("image/png");
        assertThat(content.header("Content-Disposition")).startsWith("inline");
        assertThat(content.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void theSendersContentTypeIsNotTrustedAndTextDownloadsAsAnAttachment() {
        byte[] text = "Torque the M8 bolts to 25 Nm.\n".getBytes(StandardCharsets.UTF_8);
        var stored = upload(
                admin, Uploads.form().file("steps.png", "image/png", text).field("type", "WORK_INSTRUCTION"));

        assertThat(stored.status()).as("%s", stored).isEqualTo(201);
        assertThat(stored.text("mime_type")).isEqualTo("text/plain");
        var content = uploads.get("/api/documents/" + stored.id() + "/content", admin.token());
        assertThat(content.header("Content-Type")).startsWith("text/plain");
        assertThat(content.header("Content-Disposition")).startsWith("attachment");
        assertThat(content.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void aFileChangedOnTheStorageIsRefusedInsteadOfServed() throws Exception {
        byte[] pdf = Uploads.pdf("tamper " + UUID.randomUUID());
        var stored = upload(admin, Uploads.form().file("spec.pdf", "application/pdf", pdf));
        assertThat(stored.status()).as("%s", stored).isEqualTo(201);
        String sha = stored.text("sha256");
        Path file = dataDir.resolve("documents")
                .resolve(org.orgId().toString())
                .resolve(sha.substring(0, 2))
                .resolve(sha);
        assertThat(file).exists().hasBinaryContent(pdf);

        byte[] tampered = pdf.clone();
        tampered[tampered.length - 8] ^= 1;
        Files.write(file, tampered);

        var content = uploads.get("/api/documents/" + stored.id() + "/content", admin.token());
        assertThat(content.status()).as("%s", content).isEqualTo(409);
        assertThat(content.header("Content-Type")).startsWith("application/problem+json");
        assertThat(content.text("detail")).contains("SHA-256");
        assertThat(new String(content.raw().body(), StandardCharsets.ISO_8859_1))
                .doesNotContain("%PDF");

        Files.delete(file);
        var missing = uploads.get("/api/documents/" + stored.id() + "/content", admin.token());
        assertThat(missing.status()).as("%s", missing).isEqualTo(409);
    }

    @Test
    void forbiddenTypesAreRefusedWithAProblemNamingTheFile() {
        byte[] windowsExe = new byte[512];
        windowsExe[0] = 'M';
        windowsExe[1] = 'Z';
        windowsExe[0x3c] = (byte) 0x80;
        System.arraycopy("PE\0\0".getBytes(StandardCharsets.US_ASCII), 0, windowsExe, 0x80, 4);
        byte[] elf = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0};
        byte[] html =
                "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8);
        byte[] svg = "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                .getBytes(StandardCharsets.UTF_8);
        byte[] scriptAsText = "notes\n<script>alert(document.cookie)</script>\n".getBytes(StandardCharsets.UTF_8);

        List<String> accepted = new ArrayList<>();
        for (var sent : List.of(
                new Object[] {"setup.png", windowsExe},
                new Object[] {"tool.pdf", elf},
                new Object[] {"page.txt", html},
                new Object[] {"drawing.png", svg},
                new Object[] {"notes.txt", scriptAsText})) {
            var answer = upload(admin, Uploads.form().file((String) sent[0], "image/png", (byte[]) sent[1]));
            if (answer.status() != 422
                    || !answer.json()
                            .path("errors")
                            .path(0)
                            .path("field")
                            .asString()
                            .equals("file")) {
                accepted.add(sent[0] + " → " + answer);
            }
        }
        assertThat(accepted).as("refused as 422 naming the field file").isEmpty();
        assertThat(api.get("/api/documents").as(admin).send().json().path("items"))
                .isEmpty();
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedAs413AndNothingIsStored() {
        byte[] big = new byte[25 * 1024 * 1024 + 1];
        byte[] png = Uploads.png(2);
        System.arraycopy(png, 0, big, 0, png.length);
        var answer = upload(admin, Uploads.form().file("huge.png", "image/png", big));

        assertThat(answer.status()).as("%s", answer).isEqualTo(413);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.get("/api/documents").as(admin).send().json().path("items"))
                .isEmpty();
    }

    @Test
    void anOrganizationStoresNoMoreThanItsLimitCountingEachContentOnce() throws Exception {
        // the tests' limit is 30 MB (src/test/resources/config/application.properties)
        var first = upload(admin, Uploads.form().file("a.png", "image/png", Uploads.png(12 << 20, 1)));
        assertThat(first.status()).as("%s", first).isEqualTo(201);
        assertThat(upload(admin, Uploads.form().file("b.png", "image/png", Uploads.png(12 << 20, 2)))
                        .status())
                .isEqualTo(201);

        var over = upload(admin, Uploads.form().file("c.png", "image/png", Uploads.png(7 << 20, 3)));
        assertThat(over.status()).as("%s", over).isEqualTo(413);
        assertThat(over.header("Content-Type")).startsWith("application/problem+json");
        assertThat(over.json().path("detail").asString()).contains("24 MB of the 30 MB", "does not fit");

        var sameBytesAgain = upload(admin, Uploads.form().file("a-copy.png", "image/png", Uploads.png(12 << 20, 1)));
        assertThat(sameBytesAgain.status()).as("stored once, counted once").isEqualTo(201);
        var stranger = tenants.signedIn("FACTORY");
        assertThat(upload(stranger, Uploads.form().file("c.png", "image/png", Uploads.png(7 << 20, 3)))
                        .status())
                .as("another organization's room")
                .isEqualTo(201);
        assertThat(api.get("/api/documents").as(admin).send().json().path("items"))
                .hasSize(3);

        // 29 MB stored: of two uploads of 700 KB at once, exactly one fits
        assertThat(upload(admin, Uploads.form().file("d.png", "image/png", Uploads.png(5 << 20, 4)))
                        .status())
                .isEqualTo(201);
        List<Integer> answers = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var gate = new CountDownLatch(1);
            List<Future<Integer>> uploads = new ArrayList<>();
            for (int seed : new int[] {5, 6}) {
                uploads.add(threads.submit(() -> {
                    gate.await();
                    return upload(admin, Uploads.form().file("e.png", "image/png", Uploads.png(700 << 10, seed)))
                            .status();
                }));
            }
            gate.countDown();
            for (var upload : uploads) {
                answers.add(upload.get());
            }
        }
        assertThat(answers).containsExactlyInAnyOrder(201, 413);
        assertThat(api.get("/api/documents").as(admin).send().json().path("items"))
                .hasSize(5);
    }

    @Test
    void uploadsNeedAFileAndValidFields() {
        var noFile = upload(admin, Uploads.form().field("name", "Nothing"));
        assertThat(noFile.status()).isEqualTo(422);
        assertThat(noFile.json().path("errors").path(0).path("field").asString())
                .isEqualTo("file");

        var badType = upload(
                admin, Uploads.form().file("a.png", "image/png", Uploads.png(3)).field("type", "POSTER"));
        assertThat(badType.status()).isEqualTo(422);
        assertThat(badType.json().path("errors").path(0).path("field").asString())
                .isEqualTo("type");

        var halfEntity = upload(
                admin, Uploads.form().file("a.png", "image/png", Uploads.png(3)).field("entity_type", "project"));
        assertThat(halfEntity.status()).isEqualTo(422);
        assertThat(halfEntity.json().path("errors").path(0).path("field").asString())
                .isEqualTo("entity_id");

        var empty = upload(admin, Uploads.form().file("a.png", "image/png", new byte[0]));
        assertThat(empty.status()).isEqualTo(422);
    }

    @Test
    void anotherOrganizationsDocumentIsNotFoundAnywhere() {
        var stored = upload(admin, Uploads.form().file("a.png", "image/png", Uploads.png(4)));
        assertThat(stored.status()).isEqualTo(201);
        Api.Tenant stranger = tenants.signedIn("FACTORY");
        String path = "/api/documents/" + stored.id();

        assertThat(uploads.get(path, stranger.token()).status()).isEqualTo(404);
        assertThat(uploads.get(path + "/content", stranger.token()).status()).isEqualTo(404);
        assertThat(uploads.get(path + "/versions", stranger.token()).status()).isEqualTo(404);
        assertThat(uploads.post(
                                path + "/versions",
                                stranger.token(),
                                Uploads.form().file("b.png", "image/png", Uploads.png(5)))
                        .status())
                .isEqualTo(404);
        assertThat(api.delete(path).as(stranger).ifMatch("*").send().status()).isEqualTo(404);
        assertThat(api.get("/api/documents").as(stranger).send().raw().body())
                .doesNotContain(stored.id().toString());
        assertThat(uploads.get(path + "/content", admin.token()).status()).isEqualTo(200);
    }

    @Test
    void aRestrictedDocumentIsReadOnlyWithDocumentsManage() {
        var stored = upload(
                admin,
                Uploads.form()
                        .file("cert.pdf", "application/pdf", Uploads.pdf("restricted " + UUID.randomUUID()))
                        .field("type", "CERTIFICATE")
                        .field("access_level", "restricted"));
        assertThat(stored.status()).as("%s", stored).isEqualTo(201);
        assertThat(stored.text("access_level")).isEqualTo("RESTRICTED");
        Api.Tenant reader = tenants.signedIn(tenants.memberWith(org, "documents:read"));
        Api.Tenant manager = tenants.signedIn(tenants.memberWith(org, "documents:read", "documents:manage"));
        String path = "/api/documents/" + stored.id();

        assertThat(uploads.get(path, reader.token()).status()).isEqualTo(403);
        assertThat(uploads.get(path + "/content", reader.token()).status()).isEqualTo(403);
        assertThat(api.get("/api/documents").as(reader).send().raw().body())
                .doesNotContain(stored.id().toString());

        assertThat(uploads.get(path, manager.token()).status()).isEqualTo(200);
        assertThat(uploads.get(path + "/content", manager.token()).status()).isEqualTo(200);
        assertThat(api.get("/api/documents").as(manager).send().raw().body())
                .contains(stored.id().toString());
    }

    @Test
    void aNewVersionKeepsTheFamilyAndTheListShowsOnlyTheLatest() {
        UUID project = UUID.randomUUID();
        byte[] first = Uploads.pdf("v1 " + UUID.randomUUID());
        byte[] second = Uploads.pdf("v2 " + UUID.randomUUID());
        var v1 = upload(
                admin,
                Uploads.form()
                        .file("drawing.pdf", "application/pdf", first)
                        .field("type", "DRAWING")
                        .field("tags", "frame")
                        .field("entity_type", "project")
                        .field("entity_id", project.toString()));
        assertThat(v1.status()).isEqualTo(201);

        var v2 = uploads.post(
                "/api/documents/" + v1.id() + "/versions",
                admin.token(),
                Uploads.form().file("drawing-rev-b.pdf", "application/pdf", second),
                v1.header("ETag"));
        assertThat(v2.status()).as("%s", v2).isEqualTo(201);
        assertThat(v2.text("family_id")).isEqualTo(v1.text("family_id"));
        assertThat(v2.json().path("version").asInt()).isEqualTo(2);
        assertThat(v2.text("type")).isEqualTo("DRAWING");
        assertThat(v2.text("entity_id")).isEqualTo(project.toString());
        assertThat(v2.text("name")).isEqualTo("drawing.pdf");

        JsonNode listed = api.get("/api/documents?entity_type=project&entity_id=" + project)
                .as(admin)
                .send()
                .json()
                .path("items");
        assertThat(listed).hasSize(1);
        assertThat(listed.path(0).path("id").asString()).isEqualTo(v2.id().toString());

        JsonNode versions = api.get("/api/documents/" + v1.id() + "/versions")
                .as(admin)
                .send()
                .json()
                .path("items");
        assertThat(versions).extracting(v -> v.path("version").asInt()).containsExactly(2, 1);
        assertThat(uploads.get("/api/documents/" + v1.id() + "/content", admin.token())
                        .raw()
                        .body())
                .isEqualTo(first);
        assertThat(uploads.get("/api/documents/" + v2.id() + "/content", admin.token())
                        .raw()
                        .body())
                .isEqualTo(second);

        var stale = uploads.post(
                "/api/documents/" + v1.id() + "/versions",
                admin.token(),
                Uploads.form().file("late.pdf", "application/pdf", Uploads.pdf("late")),
                v1.header("ETag"));
        assertThat(stale.status()).as("%s", stale).isEqualTo(412);
    }

    @Test
    void listsFilterByEntityTypeAndTagAndPageWithACursor() {
        UUID product = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            assertThat(upload(
                                    admin,
                                    Uploads.form()
                                            .file("p" + i + ".png", "image/png", Uploads.png(100 + i))
                                            .field("type", i == 0 ? "PHOTO" : "DRAWING")
                                            .field("tags", i == 2 ? "urgent,rev-b" : "rev-a")
                                            .field("entity_type", "product")
                                            .field("entity_id", product.toString()))
                            .status())
                    .isEqualTo(201);
        }
        String base = "/api/documents?entity_type=product&entity_id=" + product;
        assertThat(api.get(base).as(admin).send().json().path("items")).hasSize(3);
        assertThat(api.get(base + "&type=photo").as(admin).send().json().path("items"))
                .hasSize(1);
        assertThat(api.get(base + "&tag=urgent").as(admin).send().json().path("items"))
                .hasSize(1);

        var first = api.get(base + "&limit=2").as(admin).send();
        assertThat(first.json().path("items")).hasSize(2);
        String cursor = first.text("next_cursor");
        assertThat(cursor).isNotNull();
        var second = api.get(base + "&limit=2&cursor=" + cursor).as(admin).send();
        assertThat(second.json().path("items")).hasSize(1);
        assertThat(second.json().path("next_cursor").isNull()).isTrue();

        assertThat(api.get("/api/documents?entity_type=product")
                        .as(admin)
                        .send()
                        .status())
                .isEqualTo(422);
        assertThat(api.get("/api/documents?cursor=nonsense").as(admin).send().status())
                .isEqualTo(422);
    }

    @Test
    void deletingNeedsIfMatchAndTakesEveryVersionAway() {
        var v1 = upload(admin, Uploads.form().file("d.png", "image/png", Uploads.png(200)));
        var v2 = uploads.post(
                "/api/documents/" + v1.id() + "/versions",
                admin.token(),
                Uploads.form().file("d2.png", "image/png", Uploads.png(201)));
        assertThat(v2.status()).isEqualTo(201);
        String path = "/api/documents/" + v2.id();

        assertThat(api.delete(path).as(admin).send().status()).isEqualTo(428);
        assertThat(api.delete(path).as(admin).ifMatch("\"99\"").send().status()).isEqualTo(412);
        String etag = api.get(path).as(admin).send().header("ETag");
        assertThat(api.delete(path).as(admin).ifMatch(etag).send().status()).isEqualTo(204);

        assertThat(api.get(path).as(admin).send().status()).isEqualTo(404);
        assertThat(uploads.get("/api/documents/" + v1.id() + "/content", admin.token())
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/documents").as(admin).send().raw().body())
                .doesNotContain(v2.id().toString());
    }

    @Test
    void aMemberWhoOnlyReadsCannotUpload() {
        Api.Tenant reader = tenants.signedIn(tenants.memberWith(org, "documents:read"));
        var answer = upload(reader, Uploads.form().file("a.png", "image/png", Uploads.png(300)));
        assertThat(answer.status()).isEqualTo(403);
    }

    @Test
    void anUploadRepeatedWithItsIdempotencyKeyStoresOneDocument() {
        var form =
                Uploads.form().file("once.png", "image/png", Uploads.png(400)).field("tags", "idempotent");
        String key = "upload-" + UUID.randomUUID();
        var first = uploads.post("/api/documents", admin.token(), form, null, key);
        var again = uploads.post("/api/documents", admin.token(), form, null, key);

        assertThat(first.status()).as("%s", first).isEqualTo(201);
        assertThat(again.status()).as("%s", again).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.text("id")).isEqualTo(first.text("id"));
        assertThat(api.get("/api/documents?tag=idempotent")
                        .as(admin)
                        .send()
                        .json()
                        .path("items"))
                .hasSize(1);
    }
}
