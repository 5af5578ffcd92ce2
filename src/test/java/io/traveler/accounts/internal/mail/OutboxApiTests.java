package io.traveler.accounts.internal.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.TestMail;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Integrators read the outbox too: delivery status for every message, a body only for mail never delivered. */
@ApplicationTest
class OutboxApiTests {
    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void theOutboxListsDeliveryButShowsOnlyKeptMessagesBodies() {
        var api = new Api(port);
        var shop = api.signUp("SHOP");
        TestMail.verificationToken(shop.email());
        String kept = Api.uniqueEmail("kept");
        var keeping = new OutboxMailer(
                jdbc,
                transactions,
                new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class),
                "traveler@example.test",
                100,
                5);
        TenantContext.runAs(
                Tenant.user(shop.orgId(), shop.userId()),
                () -> transactions.executeWithoutResult(
                        s -> keeping.send(kept, "Kept", "Open http://localhost:8080/x to read")));

        var listed = api.get("/api/outbox?limit=10").as(shop).send();

        assertThat(listed.status()).isEqualTo(200);
        JsonNode items = listed.json().path("items");
        assertThat(items).hasSize(2);
        JsonNode keptMessage = items.get(0);
        assertThat(keptMessage.path("recipient").asString()).isEqualTo(kept);
        assertThat(keptMessage.path("status").asString()).isEqualTo("KEPT");
        assertThat(keptMessage.path("body").asString()).contains("http://localhost:8080/x");
        JsonNode verification = items.get(1);
        assertThat(verification.path("recipient").asString()).isEqualTo(shop.email());
        assertThat(verification.path("status").asString()).isIn("PENDING", "SENT");
        assertThat(verification.path("body").isNull())
                .as("a message meant for its recipient shows no link to the sender")
                .isTrue();
        assertThat(api.get("/api/outbox?limit=0").as(shop).send().status()).isEqualTo(422);
        assertThat(api.get("/api/outbox")
                        .as(api.signUp("SHOP"))
                        .send()
                        .json()
                        .path("items")
                        .toString())
                .doesNotContain(kept);
    }
}
