package io.traveler.documents;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.ApplicationTest;
import io.traveler.testing.PageSession;
import io.traveler.testing.Tenants;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** The documents pages: upload with the form (multipart, CSRF), the document with its versions, downloads. */
@ApplicationTest
class DocumentPagesTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void aDocumentUploadedOnThePageIsListedVersionedAndDownloaded() throws Exception {
        var tenants = Tenants.in(context);
        var org = tenants.organization("FACTORY");
        var page = PageSession.signIn(port, org.email());
        assertThat(page.get("/app/documents").body()).contains("Upload a document");

        byte[] first = Uploads.pdf("page v1");
        var uploaded = page.upload(
                "/app/documents",
                Map.of("name", "Assembly guide", "type", "MANUAL", "tags", "assembly"),
                "guide.pdf",
                first);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(302);
        String location = uploaded.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches(".*/app/documents/[0-9a-f-]{36}$");
        String path = location.substring(location.indexOf("/app/documents/"));

        String detail = page.get(path).body();
        assertThat(detail).contains("Assembly guide", "application/pdf", Uploads.sha256(first), "v1");
        assertThat(page.get("/app/documents?tag=assembly").body()).contains("Assembly guide");

        var download = page.download(path + "/content");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(first);
        assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

        byte[] second = Uploads.pdf("page v2");
        var versioned = page.upload(path + "/versions", Map.of(), "guide-b.pdf", second);
        assertThat(versioned.statusCode()).isEqualTo(302);
        String newPath = versioned.headers().firstValue("Location").orElseThrow();
        newPath = newPath.substring(newPath.indexOf("/app/documents/"));
        assertThat(newPath).isNotEqualTo(path);
        assertThat(page.get(newPath).body()).contains("v2", "v1", Uploads.sha256(second));
        assertThat(page.download(newPath + "/content").body()).isEqualTo(second);
    }

    @Test
    void aForbiddenFileIsRefusedOnTheFormWithItsReason() throws Exception {
        var org = Tenants.in(context).organization("FACTORY");
        var page = PageSession.signIn(port, org.email());
        page.get("/app/documents");

        var refused = page.upload(
                "/app/documents",
                Map.of("name", "Not a drawing"),
                "drawing.txt",
                "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Upload a document", "field-error", "Not a drawing");
    }

    @Test
    void anUploadPastTheOrganizationsStorageIsRefusedOnTheFormSayingHowMuchIsStored() throws Exception {
        // the tests' limit is 30 MB (src/test/resources/config/application.properties)
        var org = Tenants.in(context).organization("FACTORY");
        var page = PageSession.signIn(port, org.email());
        page.get("/app/documents");
        for (int seed : new int[] {1, 2}) {
            var kept = page.upload(
                    "/app/documents", Map.of("name", "Scan " + seed), "scan.png", Uploads.png(12 << 20, seed));
            assertThat(kept.statusCode()).as(kept.body()).isEqualTo(302);
        }

        var refused =
                page.upload("/app/documents", Map.of("name", "One scan too many"), "scan.png", Uploads.png(7 << 20, 3));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body())
                .contains("Upload a document", "One scan too many")
                .contains("24 MB of the 30 MB", "does not fit");
        assertThat(page.get("/app/documents").body())
                .contains("Scan 1", "Scan 2")
                .doesNotContain(">One scan too many<");
    }

    @Test
    void aReaderSeesNoUploadForm() throws Exception {
        var tenants = Tenants.in(context);
        var org = tenants.organization("FACTORY");
        var reader = tenants.memberWith(org, "documents:read");
        var page = PageSession.signIn(port, reader.email());
        String list = page.get("/app/documents").body();
        assertThat(list).contains("Documents").doesNotContain("Upload a document");
    }
}
