package io.traveler.production;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.PageSession;
import io.traveler.testing.Tenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The scan station's installable shell: the page for those who scan, its service worker allowed the page's scope,
 * its manifest; nobody else gets them.
 */
@ApplicationTest
class ScanStationPagesTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void aScannerGetsThePageItsServiceWorkerScopedToItAndItsManifest() throws Exception {
        var tenants = Tenants.in(context);
        var factory = tenants.organization("FACTORY");
        var admin = tenants.signedIn(factory);
        new Api(port)
                .post("/api/stations")
                .as(admin)
                .body(java.util.Map.of("name", "Cutting"))
                .send();
        var scanner = tenants.memberWith(factory, "production:read", "production:scan");
        var session = PageSession.signIn(port, scanner.email());

        var page = session.get("/app/scan");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"scan-code\"", "Cutting", "data-worker-url=\"/app/scan/sw.js\"");

        var worker = session.get("/app/scan/sw.js");
        assertThat(worker.statusCode()).isEqualTo(200);
        assertThat(worker.headers().firstValue("Service-Worker-Allowed")).hasValue("/app/scan");
        assertThat(worker.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));
        assertThat(worker.body()).contains("self.addEventListener(\"fetch\"");

        var manifest = session.get("/app/scan/manifest.webmanifest");
        assertThat(manifest.statusCode()).isEqualTo(200);
        var json = Api.parse(manifest.body());
        assertThat(json.path("scope").asString()).isEqualTo("/app/scan");
        assertThat(json.path("start_url").asString()).isEqualTo("/app/scan");
        assertThat(json.path("display").asString()).isEqualTo("standalone");
        assertThat(session.get(json.path("icons").get(0).path("src").asString()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aMemberWhoDoesNotScanGetsNeitherThePageNorItsWorker() throws Exception {
        var tenants = Tenants.in(context);
        var factory = tenants.organization("FACTORY");
        var reader = tenants.memberWith(factory, "production:read");
        var session = PageSession.signIn(port, reader.email());

        assertThat(session.get("/app/scan").statusCode()).isEqualTo(403);
        assertThat(session.get("/app/scan/sw.js").statusCode()).isEqualTo(403);
        assertThat(session.get("/app/scan/manifest.webmanifest").statusCode()).isEqualTo(403);
    }
}
