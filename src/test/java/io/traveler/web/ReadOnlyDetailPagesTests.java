package io.traveler.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.PageSession;
import io.traveler.testing.Tenants;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** A record's page shows a member who may only read it the record, without the actions they may not take. */
@ApplicationTest
class ReadOnlyDetailPagesTests {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void aReaderSeesTheCustomerAndTheQuoteWithoutTheirActions() throws Exception {
        Api api = new Api(port);
        Tenants tenants = Tenants.in(context);
        Tenants.Member owner = tenants.organization("FACTORY");
        Api.Tenant admin = tenants.signedIn(owner);
        String customer = api.post("/api/customers")
                .as(admin)
                .body(Map.of("name", "Read-only customer"))
                .send()
                .json()
                .path("id")
                .asString();
        String quote = api.post("/api/quotes")
                .as(admin)
                .body(Map.of("customer_id", customer))
                .send()
                .json()
                .path("id")
                .asString();
        Tenants.Member reader = tenants.memberWith(owner, "customers:read", "quotes:read");
        PageSession session = PageSession.signIn(port, reader.email());

        var customerPage = session.get("/app/customers/" + customer);
        assertThat(customerPage.statusCode()).isEqualTo(200);
        assertThat(customerPage.body()).contains("Read-only customer").doesNotContain("/edit\"");
        var quotePage = session.get("/app/quotes/" + quote);
        assertThat(quotePage.statusCode()).isEqualTo(200);
        assertThat(quotePage.body()).doesNotContain("/send\"");
    }
}
