package io.traveler.configurator.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.PageSession;
import io.traveler.testing.Tenants;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The options and rules editors as a designer uses them: options added through the form (refusals shown on the form),
 * a rule with bad CEL refused naming its position, a good one saved, the test console answering with the price and
 * the rules fired; another organization's product is not found, and a read-only member cannot open the forms.
 */
@ApplicationTest
class ConfiguratorPagesTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void aDesignerKeepsOptionsAndRulesThroughTheFormsAndTriesThemInTheConsole() throws Exception {
        var tenants = Tenants.in(context);
        var admin = tenants.organization("FACTORY");
        var api = new Api(port);
        var token = tenants.signedIn(admin);
        String product = api.post("/api/products/templates")
                .as(token)
                .body(Map.of("sku", "DESK-P", "name", "Desk", "base_price", 100))
                .send()
                .id()
                .toString();
        var pages = PageSession.signIn(port, admin.email());
        String path = "/app/configurator/products/" + product;

        assertThat(pages.get("/app/catalog/products/" + product).body()).contains(path);
        assertThat(pages.post(path + "/options", "code=Width&label=Width&type=NUMBER")
                        .statusCode())
                .as("a code must be lowercase: the form again")
                .isEqualTo(422);
        pages.submit(
                path + "/options",
                "code=width&label=Width&type=NUMBER&min=50&max=200&step=1&unit=cm&default=80"
                        + "&position=10&required=true");
        pages.submit(
                path + "/options",
                "code=finish&label=Finish&type=CHOICE&choices=" + encode("oak | Oak veneer\nwhite")
                        + "&position=20&required=true&default=oak");
        assertThat(pages.get(path).body()).contains("id=\"option-width\"", "id=\"option-finish\"", "Oak veneer");
        assertThat(pages.get("/app/configurator").body()).contains("DESK-P");

        var bad = pages.post(
                path + "/rules",
                "name=Broken&type=PRICING&priority=10&condition=" + encode("values.width >") + "&actions="
                        + encode("[{\"price_add\": \"1\"}]") + "&active=true");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("line 1, column");
        pages.submit(
                path + "/rules",
                "name=By+width&type=PRICING&priority=10&condition=true&actions="
                        + encode("[{\"price_add\": \"values.width * 2\"}]") + "&active=true");
        pages.submit(
                path + "/rules",
                "name=No+white+wide&type=VALIDATION&priority=20&condition="
                        + encode("values.finish == \"white\" && values.width > 150") + "&actions="
                        + encode("[{\"error\": \"White comes up to 150 cm\"}]") + "&active=true");
        assertThat(pages.get(path + "/rules").body()).contains("By width", "No white wide", "Writing rules (CEL)");

        var console = pages.post(path + "/console", "v_width=180&v_finish=white");
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.body()).contains("460.00", "White comes up to 150 cm", "not valid", "By width");
        assertThat(pages.post(path + "/console", "v_width=120&v_finish=oak").body())
                .contains("340.00", ">valid<")
                .doesNotContain("White comes up");
        var huge = pages.post(path + "/console", "v_width=1e99999999&v_finish=oak");
        assertThat(huge.statusCode())
                .as("a number the engine refuses is shown on the live form, not as an error page")
                .isEqualTo(200);
        assertThat(huge.body()).contains("not valid", "width:", "40 digits");

        var stranger = PageSession.signIn(port, tenants.organization("FACTORY").email());
        assertThat(stranger.get(path).statusCode()).isEqualTo(404);
        assertThat(stranger.post(path + "/console", "v_width=120").statusCode()).isEqualTo(404);
        var reader = PageSession.signIn(
                port,
                tenants.memberWith(admin, "configurator:read", "catalog:read").email());
        assertThat(reader.get(path).statusCode()).isEqualTo(200);
        assertThat(reader.get(path + "/options/new").statusCode()).isEqualTo(403);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
