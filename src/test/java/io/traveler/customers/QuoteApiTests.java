package io.traveler.customers;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Quotes as a client sees them: server-side totals, the status table, versions, tenants and the PDF. */
@ApplicationTest
class QuoteApiTests {
    @LocalServerPort
    int port;

    Api api;
    Api.Tenant shop;
    UUID customer;
    UUID product;
    UUID variant;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        shop = api.signUp("FACTORY");
        customer = created(api.post("/api/customers/")
                .as(shop)
                .body(Map.of("name", "Harbour Store", "email", "buyer@harbour.example")));
        product = created(api.post("/api/products/templates")
                .as(shop)
                .body(Map.of("sku", "JKT-1", "name", "Rain jacket", "base_price", "10.00")));
        variant = created(api.post("/api/products/templates/" + product + "/variants")
                .as(shop)
                .body(Map.of("sku", "JKT-1-RED-M", "name", "Rain jacket red M", "price", "12.50")));
    }

    private static UUID created(Api.Request request) {
        var response = request.send();
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.id();
    }

    private Api.Response createQuote(Api.Tenant as, Map<String, Object> body) {
        return api.post("/api/quotes").as(as).body(body).send();
    }

    private Api.Response draftWithLines() {
        var quote = createQuote(
                shop, Map.of("customer_id", customer, "lines", List.of(Map.of("product_id", product, "quantity", 3))));
        assertThat(quote.status()).as(quote.toString()).isEqualTo(201);
        return quote;
    }

    private static BigDecimal amount(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.decimalValue() : new BigDecimal(value.asString());
    }

    private static List<String> fieldsOf(Api.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        return fields;
    }

    @Test
    void totalsAreComputedOnTheServerWhateverTheClientSends() {
        Map<String, Object> tamperedLine = new HashMap<>(
                Map.of("product_id", product, "variant_id", variant, "quantity", 2, "unit_price", "11.115"));
        tamperedLine.put("line_total", "0.01");
        Map<String, Object> body = new HashMap<>(Map.of(
                "customer_id",
                customer,
                "discount",
                "5",
                "tax_rate",
                "23",
                "lines",
                List.of(Map.of("product_id", product, "quantity", 3), tamperedLine)));
        body.put("subtotal", "1.00");
        body.put("tax", "0");
        body.put("total", "1.00");

        var quote = createQuote(shop, body);

        assertThat(quote.status()).as(quote.toString()).isEqualTo(201);
        assertThat(quote.header("Location")).isEqualTo("/api/quotes/" + quote.id());
        assertThat(quote.text("code")).matches("QUO-" + LocalDate.now().getYear() + "-\\d{6}");
        assertThat(quote.text("status")).isEqualTo("DRAFT");
        assertThat(quote.text("currency")).isEqualTo("USD");
        JsonNode lines = quote.json().path("lines");
        assertThat(lines.get(0).path("sku").asString()).isEqualTo("JKT-1");
        assertThat(amount(lines.get(0), "unit_price")).as("the list price").isEqualByComparingTo("10");
        assertThat(amount(lines.get(0), "line_total")).isEqualByComparingTo("30");
        assertThat(lines.get(1).path("sku").asString()).isEqualTo("JKT-1-RED-M");
        assertThat(amount(lines.get(1), "list_price")).isEqualByComparingTo("12.50");
        assertThat(amount(lines.get(1), "unit_price")).as("overridden").isEqualByComparingTo("11.115");
        assertThat(amount(lines.get(1), "line_total")).isEqualByComparingTo("22.23");
        JsonNode q = quote.json();
        assertThat(amount(q, "subtotal")).isEqualByComparingTo("52.23");
        assertThat(amount(q, "discount")).isEqualByComparingTo("5");
        assertThat(amount(q, "tax")).as("(52.23 - 5) × 23%").isEqualByComparingTo("10.8629");
        assertThat(amount(q, "total")).isEqualByComparingTo("58.0929");

        String path = "/api/quotes/" + quote.id();
        var read = api.get(path).as(shop).send();
        assertThat(amount(read.json(), "total")).as("as stored").isEqualByComparingTo("58.0929");
        assertThat(read.header("ETag")).isEqualTo("\"0\"");
    }

    @Test
    void amountsAreRoundedHalfToEvenAtFourDecimals() {
        var quote = createQuote(
                shop,
                Map.of(
                        "customer_id",
                        customer,
                        "lines",
                        List.of(
                                Map.of("product_id", product, "quantity", "0.5", "unit_price", "0.0001"),
                                Map.of("product_id", product, "quantity", "0.5", "unit_price", "0.0003"))));
        assertThat(quote.status()).as(quote.toString()).isEqualTo(201);
        JsonNode lines = quote.json().path("lines");
        assertThat(amount(lines.get(0), "line_total"))
                .as("0.00005 to the even 0.0000")
                .isEqualByComparingTo("0");
        assertThat(amount(lines.get(1), "line_total"))
                .as("0.00015 to the even 0.0002")
                .isEqualByComparingTo("0.0002");

        var tooFine = createQuote(
                shop,
                Map.of(
                        "customer_id",
                        customer,
                        "lines",
                        List.of(Map.of("product_id", product, "quantity", 1, "unit_price", "0.00001"))));
        assertThat(tooFine.status()).isEqualTo(422);
        assertThat(fieldsOf(tooFine)).containsExactly("lines[0].unit_price");
    }

    @Test
    void linesChangeOnlyInDraftUnderTheQuotesVersion() {
        var quote = draftWithLines();
        String path = "/api/quotes/" + quote.id();
        String lines = path + "/lines";

        var staleAdd = api.post(lines)
                .as(shop)
                .ifMatch("\"3\"")
                .body(Map.of("product_id", product, "variant_id", variant, "quantity", 1))
                .send();
        assertThat(staleAdd.status()).isEqualTo(412);
        var added = api.post(lines)
                .as(shop)
                .ifMatch("\"0\"")
                .body(Map.of("product_id", product, "variant_id", variant, "quantity", 1))
                .send();
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.header("ETag")).isEqualTo("\"1\"");
        assertThat(amount(added.json(), "total")).isEqualByComparingTo("42.50");

        String lineId = added.json().path("lines").get(1).path("id").asString();
        var stale = api.patch(lines + "/" + lineId)
                .as(shop)
                .ifMatch("\"0\"")
                .body(Map.of("quantity", 2))
                .send();
        assertThat(stale.status()).isEqualTo(412);
        var changed = api.patch(lines + "/" + lineId)
                .as(shop)
                .ifMatch("\"1\"")
                .body(Map.of("quantity", 2, "unit_price", "12"))
                .send();
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(amount(changed.json(), "total")).isEqualByComparingTo("54");
        Map<String, Object> backToList = new HashMap<>();
        backToList.put("unit_price", null);
        var listed = api.patch(lines + "/" + lineId)
                .as(shop)
                .ifMatch("\"2\"")
                .body(backToList)
                .send();
        assertThat(amount(listed.json(), "total")).as("2 × 12.50 + 30").isEqualByComparingTo("55");

        var zero = api.patch(lines + "/" + lineId)
                .as(shop)
                .ifMatch("\"3\"")
                .body(Map.of("quantity", 0))
                .send();
        assertThat(zero.status()).isEqualTo(422);
        assertThat(fieldsOf(zero)).containsExactly("quantity");

        var removed = api.delete(lines + "/" + lineId).as(shop).ifMatch("\"3\"").send();
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        assertThat(removed.json().path("lines")).hasSize(1);
        assertThat(amount(removed.json(), "total")).isEqualByComparingTo("30");

        var sent = api.post(path + "/send").as(shop).ifMatch("\"4\"").send();
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        assertThat(sent.text("status")).isEqualTo("SENT");
        var afterSending = api.post(lines)
                .as(shop)
                .ifMatch("\"5\"")
                .body(Map.of("product_id", product, "quantity", 1))
                .send();
        assertThat(afterSending.status()).isEqualTo(409);
        var patchSent = api.patch(path)
                .as(shop)
                .ifMatch("\"5\"")
                .body(Map.of("discount", 1))
                .send();
        assertThat(patchSent.status()).isEqualTo(409);
        assertThat(api.delete(path).as(shop).ifMatch("\"5\"").send().status()).isEqualTo(409);
    }

    @Test
    void illegalStatusChangesAreConflictsNamingTheAllowedOnes() {
        var empty = createQuote(shop, Map.of("customer_id", customer));
        String emptyPath = "/api/quotes/" + empty.id();
        var sendingNothing =
                api.post(emptyPath + "/send").as(shop).ifMatch("\"0\"").send();
        assertThat(sendingNothing.status()).isEqualTo(409);
        assertThat(sendingNothing.text("detail")).contains("no lines");

        var draft = draftWithLines();
        String path = "/api/quotes/" + draft.id();
        var rejectDraft = api.post(path + "/reject")
                .as(shop)
                .ifMatch("\"0\"")
                .body(Map.of("reason", "too early"))
                .send();
        assertThat(rejectDraft.status()).isEqualTo(409);
        assertThat(rejectDraft.text("detail")).contains("DRAFT").contains("allowed: SENT, ACCEPTED");

        assertThat(api.post(path + "/send").as(shop).ifMatch("\"0\"").send().status())
                .isEqualTo(200);
        var sendAgain = api.post(path + "/send").as(shop).ifMatch("\"1\"").send();
        assertThat(sendAgain.status()).isEqualTo(409);
        assertThat(sendAgain.text("detail")).contains("allowed: ACCEPTED, REJECTED, EXPIRED");

        var rejected = api.post(path + "/reject")
                .as(shop)
                .ifMatch("\"1\"")
                .body(Map.of("reason", "found it cheaper"))
                .send();
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
        assertThat(rejected.text("status")).isEqualTo("REJECTED");
        assertThat(rejected.text("reject_reason")).isEqualTo("found it cheaper");
        assertThat(rejected.json().path("allowed_next")).isEmpty();
        var afterwards = api.post(path + "/send").as(shop).ifMatch("\"2\"").send();
        assertThat(afterwards.status()).isEqualTo(409);
        assertThat(afterwards.text("detail")).contains("allowed: none");
    }

    @Test
    void linesNameOnlyTheOrganizationsOwnProductsAndValidFields() {
        var stranger = api.signUp("FACTORY");
        UUID theirs = created(api.post("/api/products/templates")
                .as(stranger)
                .body(Map.of("sku", "THEIRS", "name", "Not yours", "base_price", "1")));
        var foreign = createQuote(
                shop, Map.of("customer_id", customer, "lines", List.of(Map.of("product_id", theirs, "quantity", 1))));
        assertThat(foreign.status()).isEqualTo(422);
        assertThat(fieldsOf(foreign)).containsExactly("lines[0].product_id");

        UUID otherProduct = created(api.post("/api/products/templates")
                .as(shop)
                .body(Map.of("sku", "OTHER", "name", "Other", "base_price", "1")));
        var wrongVariant = createQuote(
                shop,
                Map.of(
                        "customer_id",
                        customer,
                        "lines",
                        List.of(Map.of("product_id", otherProduct, "variant_id", variant, "quantity", 1))));
        assertThat(wrongVariant.status()).isEqualTo(422);
        assertThat(fieldsOf(wrongVariant)).containsExactly("lines[0].variant_id");

        UUID unpriced =
                created(api.post("/api/products/templates").as(shop).body(Map.of("sku", "FREE", "name", "No price")));
        var noPrice = createQuote(
                shop, Map.of("customer_id", customer, "lines", List.of(Map.of("product_id", unpriced, "quantity", 1))));
        assertThat(noPrice.status()).isEqualTo(422);
        assertThat(fieldsOf(noPrice)).containsExactly("lines[0].unit_price");

        UUID theirCustomer = created(api.post("/api/customers").as(stranger).body(Map.of("name", "Theirs")));
        var foreignCustomer = createQuote(shop, Map.of("customer_id", theirCustomer));
        assertThat(foreignCustomer.status()).isEqualTo(422);
        assertThat(fieldsOf(foreignCustomer)).containsExactly("customer_id");

        var past = createQuote(shop, Map.of("customer_id", customer, "valid_until", "2020-01-01"));
        assertThat(past.status()).isEqualTo(422);
        assertThat(fieldsOf(past)).containsExactly("valid_until");

        var bothTaxes = createQuote(shop, Map.of("customer_id", customer, "tax_rate", 10, "tax_amount", 3));
        assertThat(bothTaxes.status()).isEqualTo(422);
        assertThat(fieldsOf(bothTaxes)).containsExactly("tax_amount");

        var bigDiscount = createQuote(
                shop,
                Map.of(
                        "customer_id",
                        customer,
                        "discount",
                        100,
                        "lines",
                        List.of(Map.of("product_id", product, "quantity", 1))));
        assertThat(bigDiscount.status()).isEqualTo(422);
        assertThat(fieldsOf(bigDiscount)).containsExactly("discount");
    }

    @Test
    void anotherOrganizationsQuoteIsNotFound() {
        var quote = draftWithLines();
        String path = "/api/quotes/" + quote.id();
        var stranger = api.signUp("FACTORY");

        assertThat(api.get(path).as(stranger).send().status()).isEqualTo(404);
        assertThat(api.get(path + "/pdf").as(stranger).send().status()).isEqualTo(404);
        assertThat(api.patch(path)
                        .as(stranger)
                        .ifMatch("\"0\"")
                        .body(Map.of("notes", "mine"))
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.post(path + "/send").as(stranger).ifMatch("\"0\"").send().status())
                .isEqualTo(404);
        assertThat(api.post(path + "/lines")
                        .as(stranger)
                        .ifMatch("\"0\"")
                        .body(Map.of("product_id", product, "quantity", 1))
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.delete(path).as(stranger).ifMatch("\"0\"").send().status())
                .isEqualTo(404);
        assertThat(api.get("/api/quotes").as(stranger).send().json().path("items"))
                .isEmpty();
        assertThat(api.get(path).as(shop).send().status()).isEqualTo(200);
    }

    @Test
    void theListFiltersByStatusAndCustomerAndPagesByKeyset() {
        var first = draftWithLines();
        var second = draftWithLines();
        api.post("/api/quotes/" + second.id() + "/send")
                .as(shop)
                .ifMatch("\"0\"")
                .send();
        UUID other = created(api.post("/api/customers").as(shop).body(Map.of("name", "Other customer")));
        var third = createQuote(shop, Map.of("customer_id", other));

        var page = api.get("/api/quotes?limit=2").as(shop).send();
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().path("items")).hasSize(2);
        assertThat(page.json().path("items").get(0).path("id").asString())
                .as("newest first")
                .isEqualTo(third.id().toString());
        String cursor = page.json().path("next_cursor").asString();
        var rest = api.get("/api/quotes?limit=2&cursor=" + cursor).as(shop).send();
        assertThat(rest.json().path("items")).hasSize(1);
        assertThat(rest.json().path("items").get(0).path("id").asString())
                .isEqualTo(first.id().toString());

        var sent = api.get("/api/quotes?status=SENT").as(shop).send().json().path("items");
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).path("id").asString()).isEqualTo(second.id().toString());
        var theirs = api.get("/api/quotes?customer_id=" + other)
                .as(shop)
                .send()
                .json()
                .path("items");
        assertThat(theirs).hasSize(1);
        assertThat(api.get("/api/quotes?status=LOST").as(shop).send().status()).isEqualTo(400);

        assertThat(api.delete("/api/customers/" + customer)
                        .as(shop)
                        .ifMatch("\"0\"")
                        .send()
                        .status())
                .as("a customer with quotes stays")
                .isEqualTo(409);
    }

    @Test
    void theBuiltInRolesDecideWhoReadsAndWritesQuotes() {
        var quote = draftWithLines();
        var sales = api.addMember(shop, "SALES_MANAGER");
        var service = api.addMember(shop, "CUSTOMER_SERVICE");
        var production = api.addMember(shop, "PRODUCTION_MANAGER");

        assertThat(createQuote(sales, Map.of("customer_id", customer)).status()).isEqualTo(201);
        assertThat(api.get("/api/quotes/" + quote.id()).as(service).send().status())
                .isEqualTo(200);
        assertThat(createQuote(service, Map.of("customer_id", customer)).status())
                .isEqualTo(403);
        assertThat(api.get("/api/quotes").as(production).send().status()).isEqualTo(403);
        assertThat(api.get("/api/customers/" + customer).as(production).send().status())
                .isEqualTo(200);
    }

    @Test
    void thePdfShowsTheCodeTheLinesAndTheTotalAsAReaderSeesThem() throws Exception {
        var quote = createQuote(
                shop,
                Map.of(
                        "customer_id",
                        customer,
                        "tax_rate",
                        "10",
                        "lines",
                        List.of(Map.of("product_id", product, "variant_id", variant, "quantity", 100))));
        var pdf = api.get("/api/quotes/" + quote.id() + "/pdf").as(shop).send();
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.header("Content-Type")).isEqualTo("application/pdf");

        byte[] bytes = bytesOf("/api/quotes/" + quote.id() + "/pdf", shop);
        String text;
        try (var reader = new PdfReader(bytes)) {
            var extractor = new PdfTextExtractor(reader);
            StringBuilder all = new StringBuilder();
            for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                all.append(extractor.getTextFromPage(page)).append('\n');
            }
            text = all.toString();
        }
        assertThat(text)
                .contains(quote.text("code"))
                .contains("Harbour Store")
                .contains("JKT-1-RED-M")
                .contains("Rain jacket red M")
                .contains("1,250.00 USD")
                .contains("Total")
                .contains("1,375.00 USD");
    }

    private byte[] bytesOf(String path, Api.Tenant as) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + as.token())
                .GET()
                .build();
        var response = java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void theSeedsPathsAnswerWithTheirTrailingSlash() {
        var list = api.get("/api/customers/").as(shop).send();
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("items").get(0).path("id").asString()).isEqualTo(customer.toString());
        var one = api.get("/api/customers/" + customer + "/").as(shop).send();
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.text("email")).isEqualTo("buyer@harbour.example");
        var again = api.post("/api/customers/")
                .as(shop)
                .body(Map.of("name", "Harbour again", "email", "buyer@harbour.example"))
                .send();
        assertThat(again.status()).isEqualTo(409);
    }
}
