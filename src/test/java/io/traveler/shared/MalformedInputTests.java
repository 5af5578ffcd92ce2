package io.traveler.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Tenants;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Walks every operation of the application's own OpenAPI document and sends each one what an attacker would:
 * every body property of the wrong JSON type, null, a 200 KB string (alone and inside an array), an invalid UUID, an
 * unknown enum value and numbers no type can hold; null, empty, deeply nested and invalid UTF-8 bodies; a wrong
 * Content-Type; the same bad values in path and query parameters. The caller is the administrator of a fresh
 * organization holding every permission, with real ids in the paths, so the requests reach the handlers. Nothing
 * here is random: the same requests go out on every run. Not one answer may be a 5xx, nor take longer than the
 * timeout.
 */
@ApplicationTest
class MalformedInputTests {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String RAW = "@@raw@@";
    private static final String HUGE = "x".repeat(200 * 1024);
    private static final String ABSENT_ID = "00000000-0000-7000-8000-000000000001";
    private static final List<String> WRONG_NUMBERS =
            List.of("1e999999999", "1e-999999999", "-1", "9223372036854775808");
    private static final byte[] INVALID_UTF8 = {
        (byte) 0xC3,
        (byte) 0x28,
        (byte) 0xFF,
        (byte) 0xFE,
        (byte) 0xED,
        (byte) 0xA0,
        (byte) 0x80,
        (byte) 0xF8,
        (byte) 0x88,
        (byte) 0x80,
        (byte) 0x80,
        (byte) 0x80
    };

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private JsonNode components;
    private Map<String, String> ids;
    private String adminToken;
    private String accountToken;
    private final List<String> offenders = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Long> timings = new ConcurrentHashMap<>();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger succeeded = new AtomicInteger();

    record Operation(String method, String template, JsonNode spec) {
        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    @Test
    void noMalformedRequestToAnyOperationAnswersA5xx() {
        var api = new Api(port);
        var tenants = Tenants.in(context);
        var admin = tenants.signedIn("BRAND");
        var account = tenants.signedIn("BRAND");
        adminToken = admin.token();
        accountToken = account.token();
        ids = fixtures(api, tenants, admin);

        JsonNode document = Api.parse(api.get("/v3/api-docs").send().raw().body());
        components = document.path("components").path("schemas");
        List<Operation> operations = new ArrayList<>();
        for (var path : document.path("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                operations.add(new Operation(operation.getKey().toUpperCase(), path.getKey(), operation.getValue()));
            }
        }
        assertThat(operations).as("operations in the OpenAPI document").hasSizeGreaterThan(50);
        // destructive operations last, so the others meet live resources
        operations.sort((a, b) ->
                Boolean.compare(a.method().equals("DELETE"), b.method().equals("DELETE")));

        long started = System.nanoTime();
        walkAll(operations.stream().filter(o -> !o.method().equals("DELETE")).toList());
        walkAll(operations.stream().filter(o -> o.method().equals("DELETE")).toList());
        System.out.println("Walked " + sent.get() + " requests to " + operations.size() + " operations in "
                + (System.nanoTime() - started) / 1_000_000L + " ms; slowest (ms): " + slowest());
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        assertThat(offenders)
                .as(
                        "answers of 5xx or past %s out of %d requests to %d operations in %d s",
                        TIMEOUT, sent.get(), operations.size(), seconds)
                .isEmpty();
    }

    @Test
    void aQueryStringThatIsNotUtf8IsRefusedAsMalformed() {
        var api = new Api(port);
        var tenant = Tenants.in(context).signedIn("FACTORY");
        var response = api.get("/api/stations?q=%C3%28").as(tenant).send();
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(rawStatusLine(concat(
                        bytes("GET /api/stations?q="),
                        INVALID_UTF8,
                        bytes(" HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + tenant.token()
                                + "\r\nConnection: close\r\n\r\n"))))
                .as("raw invalid bytes in the request line")
                .matches("HTTP/1\\.1 4\\d\\d.*");
    }

    @Test
    void aPageWhoseQueryStringIsNotUtf8AnswersTheBadRequestPage() throws Exception {
        var tenant = Tenants.in(context).signedIn("FACTORY");
        var browser = HttpClient.newBuilder()
                .cookieHandler(new java.net.CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String base = "http://localhost:" + port;
        String login = browser.send(
                        HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        var csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                .matcher(login);
        assertThat(csrf.find()).as("the login form carries a CSRF token").isTrue();
        String form = "email=" + URLEncoder.encode(tenant.email(), StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(Api.PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1);
        var signedIn = browser.send(
                HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/app/"));

        var page = browser.send(
                HttpRequest.newBuilder(URI.create(base + "/app/catalog/parts?q=%C3%28"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("Bad request");
    }

    /** What HttpClient cannot send: bytes that are not even percent-encoded. */
    private String rawStatusLine(byte[] request) {
        try (var socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            var reader = new java.io.BufferedReader(
                    new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            return String.valueOf(reader.readLine());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aNumberNoColumnCanHoldIsRefusedNamingItsField() {
        var api = new Api(port);
        var tenant = Tenants.in(context).signedIn("FACTORY");
        var part = api.post("/api/catalog/parts")
                .as(tenant)
                .body(Map.of("part_number", "N-1", "name", "Bolt", "kind", "HARDWARE", "unit_of_measure", "ea"))
                .send();
        for (String number : List.of("1e999999999", "1e-999999999")) {
            var response = api.patch("/api/catalog/parts/" + part.id())
                    .as(tenant)
                    .ifMatch("*")
                    .body("{\"weight\": " + number + "}")
                    .send();
            assertThat(response.status()).as(number).isEqualTo(400);
            assertThat(response.json().path("errors").get(0).path("field").asString())
                    .isEqualTo("weight");
        }
        var product = api.post("/api/products/templates")
                .as(tenant)
                .body(Map.of("sku", "N-P", "name", "Pack"))
                .send();
        var bom = api.post("/api/products/templates/" + product.id() + "/boms")
                .as(tenant)
                .body(Map.of(
                        "lines", List.of(Map.of("component_type", "PART", "component_id", part.id(), "quantity", 1))))
                .send();
        var explosion = api.get("/api/boms/" + bom.id() + "/explosion?quantity=1e999999999")
                .as(tenant)
                .send();
        assertThat(explosion.status() / 100).isEqualTo(4);
    }

    @Test
    void aNullBomLineIsAValidationErrorOfThatLine() {
        var api = new Api(port);
        var tenant = Tenants.in(context).signedIn("FACTORY");
        var product = api.post("/api/products/templates")
                .as(tenant)
                .body(Map.of("sku", "L-P", "name", "Pack"))
                .send();
        var response = api.post("/api/products/templates/" + product.id() + "/boms")
                .as(tenant)
                .body("{\"lines\": [null]}")
                .send();
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().path("errors").get(0).path("field").asString())
                .startsWith("lines");
    }

    /** Three operations at a time; each operation's requests one after the other. */
    private void walkAll(List<Operation> operations) {
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            for (Operation operation : operations) {
                pool.submit(() -> {
                    long started = System.nanoTime();
                    try {
                        walk(operation);
                    } catch (RuntimeException e) {
                        offenders.add(operation + " could not be walked: " + e);
                    }
                    timings.put(operation.toString(), (System.nanoTime() - started) / 1_000_000L);
                });
            }
        }
    }

    private String slowest() {
        return timings.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(8)
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private void walk(Operation operation) {
        String path = realPath(operation.template(), Map.of());
        for (JsonNode parameter : operation.spec().path("parameters")) {
            String name = parameter.path("name").asString();
            JsonNode schema = resolve(parameter.path("schema"));
            switch (parameter.path("in").asString()) {
                case "path" -> {
                    for (String value : badScalars(schema)) {
                        send(
                                operation,
                                "path " + name + "=" + abbreviate(value),
                                realPath(operation.template(), Map.of(name, value)),
                                null,
                                null);
                    }
                }
                case "query" -> {
                    for (String value : badScalars(schema)) {
                        send(
                                operation,
                                "query " + name + "=" + abbreviate(value),
                                path + (path.contains("?") ? "&" : "?") + name + "=" + value,
                                null,
                                null);
                    }
                }
                default -> {}
            }
        }
        JsonNode content = operation.spec().path("requestBody").path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            send(operation, "as is", path, null, null);
            send(operation, "unexpected JSON body", path, "application/json", bytes("{\"a\": [1, 2]}"));
            return;
        }
        for (var media : content.properties()) {
            String type = media.getKey();
            JsonNode schema = resolve(media.getValue().path("schema"));
            if (type.contains("json")) {
                walkJsonBody(operation, path, type, schema);
            } else {
                walkOtherBody(operation, path, type);
            }
        }
        send(operation, "wrong Content-Type text/plain", path, "text/plain", bytes("hello"));
        send(operation, "wrong Content-Type application/xml", path, "application/xml", bytes("<a>1</a>"));
        send(operation, "Content-Type with a bogus charset", path, "application/json; charset=nope", bytes("{}"));
    }

    private void walkJsonBody(Operation operation, String path, String type, JsonNode schema) {
        JsonNode valid = valid(schema, 0);
        send(operation, "a plausible body", path, type, bytes(JSON.writeValueAsString(valid)));
        send(operation, "null body", path, type, bytes("null"));
        send(operation, "empty body", path, type, new byte[0]);
        send(operation, "[] body", path, type, bytes("[]"));
        send(operation, "string body", path, type, bytes("\"text\""));
        send(operation, "truncated body", path, type, bytes("{\"a\": [1, {\"b\": tru"));
        send(operation, "100,000 [", path, type, bytes("[".repeat(100_000)));
        send(operation, "100,000 {\"a\":", path, type, bytes("{\"a\":".repeat(100_000)));
        send(
                operation,
                "invalid UTF-8 in a string",
                path,
                type,
                concat(bytes("{\"name\": \""), INVALID_UTF8, bytes("\"}")));
        send(operation, "invalid UTF-8 bytes alone", path, type, INVALID_UTF8);
        send(operation, "a number with 100,000 digits", path, type, bytes("{\"a\": 1" + "0".repeat(100_000) + "}"));
        send(operation, "a 200 KB key", path, type, bytes("{\"" + HUGE + "\": 1}"));
        for (Field field : fieldsOf(schema, valid, List.of())) {
            for (var variant : badValues(field.schema()).entrySet()) {
                JsonNode body = valid.deepCopy();
                String name = replace(body, field.at(), variant.getValue());
                String text = JSON.writeValueAsString(body);
                if (variant.getValue() instanceof String s && s.startsWith(RAW)) {
                    text = text.replace("\"" + s + "\"", s.substring(RAW.length()));
                }
                send(operation, name + " = " + variant.getKey(), path, type, bytes(text));
            }
            if (typeOf(field.schema()).equals("string")) {
                JsonNode body = valid.deepCopy();
                String name = replace(body, field.at(), RAW);
                byte[] text = bytes(JSON.writeValueAsString(body));
                int cut = indexOf(text, bytes("\"" + RAW + "\""));
                send(
                        operation,
                        name + " = invalid UTF-8",
                        path,
                        type,
                        concat(
                                Arrays.copyOf(text, cut + 1),
                                INVALID_UTF8,
                                Arrays.copyOfRange(text, cut + RAW.length() + 1, text.length)));
            }
        }
    }

    private void walkOtherBody(Operation operation, String path, String type) {
        send(operation, "empty " + type, path, type, new byte[0]);
        send(operation, "garbage " + type, path, type, bytes("\0,\"\n\"\"\",,\r\n=1+1,@x\n"));
        send(operation, "invalid UTF-8 " + type, path, type, concat(bytes("a,b\n"), INVALID_UTF8, bytes(",x\n")));
        send(operation, "a 200 KB cell " + type, path, type, bytes("a,b\n" + HUGE + ",1\n"));
        send(operation, "JSON as " + type, path, type, bytes("{\"a\": 1}"));
    }

    /**
     * What a body property receives in turn: every other JSON type, null, a 200 KB string alone and in an array,
     * numbers no column holds, and for UUIDs, enums and dates a value of the right type that is no such thing.
     * {@value #RAW} marks raw JSON text.
     */
    private static Map<String, Object> badValues(JsonNode schema) {
        String type = typeOf(schema);
        boolean numeric = type.equals("integer") || type.equals("number");
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("null", RAW + "null");
        values.put("a 200 KB string", HUGE);
        if (!type.equals("string")) {
            values.put("a string", "text");
        }
        if (!numeric) {
            values.put("a number", RAW + "1e999999999");
        }
        if (!type.equals("array")) {
            values.put("a 200 KB string in an array", List.of(HUGE));
        }
        if (!type.equals("object")) {
            values.put("an object", Map.of("a", 1));
        }
        if (numeric) {
            for (String number : WRONG_NUMBERS) {
                values.put(number, RAW + number);
            }
        }
        if (schema.has("enum")) {
            values.put("an unknown enum value", "NO_SUCH_VALUE");
        }
        switch (schema.path("format").asString("")) {
            case "uuid" -> values.put("an invalid UUID", "not-a-uuid");
            case "date", "date-time" -> {
                values.put("a date out of range", "+999999999-12-31T23:59:59Z");
                values.put("no such date", "2030-02-30");
            }
            default -> {}
        }
        return values;
    }

    /** Path and query values: percent-encoded where needed, invalid UTF-8 included. */
    private List<String> badScalars(JsonNode schema) {
        List<String> values = new ArrayList<>(
                List.of("not-a-uuid", "NO_SUCH_VALUE", ABSENT_ID, "", "%C3%28", "%FF%FE", "x".repeat(4000)));
        values.addAll(WRONG_NUMBERS.stream()
                .map(n -> URLEncoder.encode(n, StandardCharsets.UTF_8))
                .toList());
        if (schema.has("enum")) {
            values.add(schema.path("enum").get(0).asString().toLowerCase());
        }
        return values;
    }

    /** An event stream stays open: its answer is its status and headers (a refusal's problem body is read). */
    private static boolean declaresAStream(Operation operation) {
        return operation.spec().path("responses").path("200").path("content").has("text/event-stream");
    }

    /** A stream's status and headers; its body only when it is a refusal (a problem), never the open stream. */
    private Answer headersOnly(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (var body = response.body()) {
            String text = response.statusCode() == 200 ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
            return new Answer(response.statusCode(), text);
        }
    }

    record Answer(int statusCode, String body) {}

    private void send(Operation operation, String variant, String path, String contentType, byte[] body) {
        String token = path.startsWith("/api/me") || path.startsWith("/api/auth") ? accountToken : adminToken;
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + token)
                    .header("If-Match", "*");
        } catch (IllegalArgumentException e) {
            return; // a URI the client itself refuses never reaches the server
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(
                operation.method(),
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        sent.incrementAndGet();
        try {
            Answer response;
            if (declaresAStream(operation)) {
                response = headersOnly(request.build());
            } else {
                var answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                response = new Answer(answer.statusCode(), answer.body());
            }
            if (response.statusCode() == 401 && !path.startsWith("/api/auth")) {
                offenders.add(operation + " [" + variant + "] → 401: the walk lost its credentials");
            }
            if (response.statusCode() / 100 == 2) {
                succeeded.incrementAndGet();
            }
            if (response.statusCode() >= 500) {
                offenders.add(operation + " [" + variant + "] → " + response.statusCode() + " "
                        + abbreviate(response.body()));
            }
        } catch (HttpTimeoutException e) {
            offenders.add(operation + " [" + variant + "] → no answer within " + TIMEOUT);
        } catch (IOException e) {
            // the server may close the connection on a request it refuses to read (e.g. too large); not a 5xx
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Bodies from the document's schemas

    private JsonNode resolve(JsonNode schema) {
        int hops = 0;
        while (schema.has("$ref") && hops++ < 10) {
            String ref = schema.path("$ref").asString();
            schema = components.path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        for (String choice : List.of("oneOf", "anyOf", "allOf")) {
            if (schema.has(choice) && !schema.has("properties")) {
                for (JsonNode option : schema.path(choice)) {
                    JsonNode resolved = resolve(option);
                    if (!"null".equals(resolved.path("type").asString())) {
                        return resolved;
                    }
                }
            }
        }
        return schema;
    }

    private JsonNode valid(JsonNode schema, int depth) {
        schema = resolve(schema);
        if (schema.has("enum")) {
            return schema.path("enum").get(0);
        }
        String type = typeOf(schema);
        if (depth > 4) {
            return NODES.nullNode();
        }
        switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                for (var property : schema.path("properties").properties()) {
                    object.set(property.getKey(), valid(property.getValue(), depth + 1));
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                array.add(valid(schema.path("items"), depth + 1));
                return array;
            }
            case "integer", "number" -> {
                return NODES.numberNode(1);
            }
            case "boolean" -> {
                return NODES.booleanNode(true);
            }
            default -> {
                return switch (schema.path("format").asString("")) {
                    case "uuid" -> NODES.stringNode(ids.get("part"));
                    case "date-time" -> NODES.stringNode("2030-01-01T00:00:00Z");
                    case "date" -> NODES.stringNode("2030-01-01");
                    case "email" -> NODES.stringNode(Api.uniqueEmail("walker"));
                    default -> NODES.stringNode("x");
                };
            }
        }
    }

    private static String typeOf(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asString())) {
                    return t.asString();
                }
            }
        }
        if (type.isString()) {
            return type.asString();
        }
        return schema.has("properties") ? "object" : schema.has("items") ? "array" : "string";
    }

    record Field(List<Object> at, JsonNode schema) {}

    /** Every field and first array element of the plausible body, with its schema. */
    private List<Field> fieldsOf(JsonNode schema, JsonNode node, List<Object> prefix) {
        schema = resolve(schema);
        List<Field> fields = new ArrayList<>();
        if (node.isObject()) {
            for (var property : node.properties()) {
                List<Object> at = new ArrayList<>(prefix);
                at.add(property.getKey());
                JsonNode propertySchema = resolve(schema.path("properties").path(property.getKey()));
                fields.add(new Field(at, propertySchema));
                fields.addAll(fieldsOf(propertySchema, property.getValue(), at));
            }
        } else if (node.isArray() && !node.isEmpty()) {
            List<Object> at = new ArrayList<>(prefix);
            at.add(0);
            JsonNode items = resolve(schema.path("items"));
            fields.add(new Field(at, items));
            fields.addAll(fieldsOf(items, node.get(0), at));
        }
        return fields;
    }

    private static String replace(JsonNode body, List<Object> at, Object value) {
        JsonNode parent = body;
        Iterator<Object> steps = at.iterator();
        StringBuilder name = new StringBuilder();
        while (true) {
            Object step = steps.next();
            name.append(step instanceof Integer i ? "[" + i + "]" : (name.isEmpty() ? "" : ".") + step);
            if (!steps.hasNext()) {
                JsonNode replacement = JSON.valueToTree(value);
                if (parent instanceof ObjectNode object) {
                    object.set((String) step, replacement);
                } else {
                    ((ArrayNode) parent).set((Integer) step, replacement);
                }
                return name.toString();
            }
            parent = step instanceof Integer i ? parent.get(i) : parent.get((String) step);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Real ids in paths

    private String realPath(String template, Map<String, String> overrides) {
        StringBuilder path = new StringBuilder();
        String[] segments = template.split("/");
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (i > 0) {
                path.append('/');
            }
            if (segment.startsWith("{") && segment.endsWith("}")) {
                String name = segment.substring(1, segment.length() - 1);
                path.append(overrides.getOrDefault(name, idFor(segments[i - 1], name)));
            } else {
                path.append(segment);
            }
        }
        return path.toString();
    }

    private String idFor(String collection, String variable) {
        if (variable.equals("kind")) {
            return "parts";
        }
        if (variable.equals("productId")) {
            return ids.get("templates");
        }
        return ids.getOrDefault(collection, ABSENT_ID);
    }

    private static Map<String, String> fixtures(Api api, Tenants tenants, Api.Tenant admin) {
        var factory = tenants.signedIn("FACTORY");
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("shops", admin.orgId().toString());
        ids.put("numbering-series", "walker");
        created(api, admin, "/api/settings/numbering-series", Map.of("key", "walker", "prefix", "W-"));
        ids.put("stations", created(api, admin, "/api/stations", Map.of("name", "Walker station")));
        ids.put("employees", created(api, admin, "/api/employees", Map.of("name", "Walker employee")));
        ids.put("locations", created(api, admin, "/api/locations", Map.of("code", "W1", "name", "W", "kind", "SITE")));
        String role = created(api, admin, "/api/roles", Map.of("name", "Walker role", "permissions", List.of()));
        ids.put("roles", role);
        // a member, not the administrator: the walk ends the sessions of the user it names
        ids.put("users", api.addMember(admin, role).userId().toString());
        ids.put(
                "invitations",
                created(
                        api,
                        admin,
                        "/api/users",
                        Map.of("email", Api.uniqueEmail("walked"), "role_ids", List.of(role))));
        ids.put(
                "api-keys",
                created(api, admin, "/api/api-keys", Map.of("name", "walker", "permissions", List.of("audit:read"))));
        String partnership = created(api, admin, "/api/partnerships", Map.of("factory_org_id", factory.orgId()));
        assertThat(api.post("/api/partnerships/" + partnership + "/accept")
                        .as(factory)
                        .send()
                        .status())
                .isEqualTo(200);
        ids.put("partnerships", partnership);
        ids.put("categories", created(api, admin, "/api/catalog/categories", Map.of("code", "W", "name", "Walker")));
        String part = created(
                api,
                admin,
                "/api/catalog/parts",
                Map.of("part_number", "W-1", "name", "Walker part", "kind", "COMPONENT", "unit_of_measure", "ea"));
        ids.put("parts", part);
        ids.put("part", part);
        String product = created(api, admin, "/api/products/templates", Map.of("sku", "W-P", "name", "Walker product"));
        ids.put("templates", product);
        ids.put("products", product);
        String equipment = created(
                api, admin, "/api/equipment", Map.of("code", "W-EQ", "name", "Walker machine", "kind", "MACHINE"));
        ids.put("equipment", equipment);
        ids.put(
                "plans",
                created(
                        api,
                        admin,
                        "/api/equipment/" + equipment + "/plans",
                        Map.of("name", "Walker plan", "interval_days", 7)));
        ids.put(
                "boms",
                created(
                        api,
                        admin,
                        "/api/products/templates/" + product + "/boms",
                        Map.of(
                                "lines",
                                List.of(Map.of("component_type", "PART", "component_id", part, "quantity", 2)))));
        String variant = created(
                api,
                admin,
                "/api/products/templates/" + product + "/variants",
                Map.of("name", "Walker variant", "sku", "W-V"));
        ids.put("variants", variant);
        ids.put(
                "supplier-variants",
                created(
                        api,
                        admin,
                        "/api/catalog/variants/" + variant + "/supplier-variants",
                        Map.of("factory_org_id", factory.orgId(), "supplier_sku", "F-W")));
        var job = api.post("/api/imports/products")
                .as(admin)
                .csv("sku,name\nW-I,Imported\n")
                .send();
        assertThat(job.status()).isEqualTo(202);
        ids.put("imports", job.text("id"));
        ids.put("import-jobs", job.text("id"));
        ids.put("jobs", job.text("id"));
        String supplier = created(api, admin, "/api/inventory/suppliers", Map.of("code", "W-SUP", "name", "Walker"));
        ids.put("suppliers", supplier);
        ids.put(
                "supplier-parts",
                created(
                        api,
                        admin,
                        "/api/inventory/suppliers/" + supplier + "/parts",
                        Map.of("part_id", part, "unit_price", 1)));
        ids.put(
                "purchase-orders",
                created(
                        api,
                        admin,
                        "/api/inventory/purchase-orders",
                        Map.of("supplier_id", supplier, "lines", List.of(Map.of("part_id", part, "quantity", 2)))));
        configuratorRuleFixtures(api, admin, product, ids);
        ids.put(
                "configurations",
                created(api, admin, "/api/configurations", Map.of("product_id", product, "values", Map.of())));
        return ids;
    }

    /** An option of the product and a rule over it, so the walk meets them (/api/configurator/options|rules/{id}). */
    private static void configuratorRuleFixtures(Api api, Api.Tenant admin, String product, Map<String, String> ids) {
        ids.put(
                "options",
                created(
                        api,
                        admin,
                        "/api/products/templates/" + product + "/options",
                        Map.of("code", "walker", "label", "Walker", "type", "NUMBER", "min", 1, "max", 10)));
        ids.put(
                "rules",
                created(
                        api,
                        admin,
                        "/api/configurator/rules",
                        Map.of(
                                "product_id",
                                product,
                                "name",
                                "Walker rule",
                                "type",
                                "PRICING",
                                "condition",
                                "values.walker > 2",
                                "actions",
                                List.of(Map.of("price_add", "values.walker * 2")))));
    }

    private static String created(Api api, Api.Tenant admin, String path, Map<String, Object> body) {
        var response = api.post(path).as(admin).body(body).send();
        assertThat(response.status()).as("fixture %s %s", path, response).isIn(201, 202);
        return response.text("id") != null ? response.text("id") : response.text("key");
    }

    // ---------------------------------------------------------------------------------------------------------

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("marker not found");
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 300 ? text : text.substring(0, 300) + "… (" + text.length() + " chars)";
    }
}
