package io.traveler.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the tests: real requests against the running application, JSON in and out. */
public final class Api {
    public static final String PASSWORD = "plum-tractor-velvet-2026";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Sign-ups over HTTP in this JVM, written to {@code target/http-sign-ups.txt} at exit to keep the count honest. */
    private static final AtomicInteger SIGN_UPS = new AtomicInteger();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                java.nio.file.Files.writeString(
                        java.nio.file.Path.of("target", "http-sign-ups.txt"), SIGN_UPS.get() + "\n");
            } catch (IOException | RuntimeException e) {
                // only a figure for the build's report
            }
        }));
    }

    private final String base;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    public Api(int port) {
        this.base = "http://localhost:" + port;
    }

    public record Response(int status, HttpResponse<String> raw, JsonNode json) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String text(String field) {
            JsonNode node = json.path(field);
            return node.isMissingNode() || node.isNull() ? null : node.asString();
        }

        public UUID id() {
            return UUID.fromString(text("id"));
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    /** An organization with its administrator, signed in. */
    public record Tenant(UUID orgId, UUID userId, String email, String token) {}

    public Request request(String method, String path) {
        return new Request(method, path);
    }

    public Request get(String path) {
        return request("GET", path);
    }

    public Request post(String path) {
        return request("POST", path);
    }

    public Request patch(String path) {
        return request("PATCH", path);
    }

    public Request delete(String path) {
        return request("DELETE", path);
    }

    public static String uniqueEmail(String who) {
        return who + "-" + SEQUENCE.incrementAndGet() + "-"
                + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    public Tenant signUp(String kind) {
        SIGN_UPS.incrementAndGet();
        String email = uniqueEmail("admin");
        Response signed = post("/api/auth/signup")
                .body(Map.of(
                        "organization_name",
                                kind.toLowerCase() + " "
                                        + UUID.randomUUID().toString().substring(0, 6),
                        "organization_kind", kind,
                        "name", "Admin " + SEQUENCE.get(),
                        "email", email,
                        "password", PASSWORD))
                .send();
        if (signed.status() != 201) {
            throw new IllegalStateException("signup failed: " + signed);
        }
        UUID orgId =
                UUID.fromString(signed.json().path("organization").path("id").asString());
        UUID userId = UUID.fromString(signed.json().path("user").path("id").asString());
        return new Tenant(orgId, userId, email, token(email, PASSWORD));
    }

    public String token(String email, String password) {
        Response token = post("/api/auth/token")
                .body(Map.of("email", email, "password", password))
                .send();
        if (token.status() != 200) {
            throw new IllegalStateException("token failed: " + token);
        }
        return token.text("access_token");
    }

    /** Follows the verification link mailed at sign-up, so the account may accept invitations. */
    public Tenant verified(Tenant tenant) {
        String token = TestMail.verificationToken(tenant.email());
        Response verified =
                post("/api/auth/verify-email").body(Map.of("token", token)).send();
        if (verified.status() != 200) {
            throw new IllegalStateException("verification failed: " + verified);
        }
        return tenant;
    }

    /** An administrator's invitation of {@code email} with roles given by id or by built-in name ("TECHNICIAN"). */
    public Response invite(Tenant admin, String email, String... roles) {
        List<String> roleIds = new ArrayList<>();
        for (String role : roles) {
            roleIds.add(role.matches("[0-9a-f-]{36}") ? role : builtInRoleId(admin, role));
        }
        return post("/api/users")
                .as(admin)
                .body(Map.of("email", email, "role_ids", roleIds))
                .send();
    }

    /** Accepts the invitation mailed to {@code email}, signed out, choosing a name and {@link #PASSWORD}. */
    public Response acceptInvitation(String email, String name) {
        return post("/api/invitations/accept")
                .body(Map.of("token", TestMail.invitationToken(email), "name", name, "password", PASSWORD))
                .send();
    }

    /** The invitee, signed in, accepts the invitation mailed to their address. */
    public Response acceptSignedIn(Tenant invitee) {
        return post("/api/invitations/accept")
                .as(invitee)
                .body(Map.of("token", TestMail.invitationToken(invitee.email())))
                .send();
    }

    /** An existing (verified) account joins the admin's organization by invitation; answers the acceptance. */
    public Response join(Tenant admin, Tenant existing, String... roles) {
        Response invited = invite(admin, existing.email(), roles);
        if (invited.status() != 202) {
            throw new IllegalStateException("invitation failed: " + invited);
        }
        return acceptSignedIn(existing);
    }

    /**
     * A new person in the admin's organization, through the real flow: invited, the mailed link followed, the
     * account created there. Roles by id or built-in name. Returns the member signed in to that organization.
     */
    public Tenant addMember(Tenant admin, String... roles) {
        String email = uniqueEmail("member");
        Response invited = invite(admin, email, roles);
        if (invited.status() != 202) {
            throw new IllegalStateException("invitation failed: " + invited);
        }
        Response accepted = acceptInvitation(email, "Member " + SEQUENCE.get());
        if (accepted.status() != 200) {
            throw new IllegalStateException("acceptance failed: " + accepted);
        }
        UUID userId = UUID.fromString(accepted.json().path("user").path("id").asString());
        return new Tenant(admin.orgId(), userId, email, token(email, PASSWORD, admin.orgId()));
    }

    public String token(String email, String password, UUID orgId) {
        Response token = post("/api/auth/token")
                .body(Map.of("email", email, "password", password, "organization_id", orgId))
                .send();
        if (token.status() != 200) {
            throw new IllegalStateException("token failed: " + token);
        }
        return token.text("access_token");
    }

    /** The id of one of the organization's built-in roles (ADMINISTRATOR, TECHNICIAN, ...). */
    public String builtInRoleId(Tenant tenant, String builtIn) {
        for (JsonNode role : get("/api/roles").as(tenant).send().json().path("items")) {
            if (builtIn.equals(role.path("built_in").asString())) {
                return role.path("id").asString();
            }
        }
        throw new IllegalStateException("no built-in role " + builtIn);
    }

    public static JsonNode parse(String json) {
        return JSON.readTree(json);
    }

    public final class Request {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String body;

        Request(String method, String path) {
            this.method = method;
            this.path = path;
        }

        public Request token(String token) {
            return header("Authorization", "Bearer " + token);
        }

        public Request as(Tenant tenant) {
            return token(tenant.token());
        }

        public Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Request ifMatch(String etag) {
            return header("If-Match", etag);
        }

        /** A CSV body, sent as {@code text/csv}. */
        public Request csv(String text) {
            header("Content-Type", "text/csv");
            this.body = text;
            return this;
        }

        public Request body(Object value) {
            this.body = value instanceof String s ? s : JSON.writeValueAsString(value);
            return this;
        }

        public Response send() {
            var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
            headers.forEach(builder::header);
            if (body != null) {
                if (!headers.containsKey("Content-Type")) {
                    builder.header("Content-Type", "application/json");
                }
                builder.method(method, HttpRequest.BodyPublishers.ofString(body));
            } else {
                builder.method(method, HttpRequest.BodyPublishers.noBody());
            }
            try {
                HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
                JsonNode json = response.body() == null || response.body().isBlank()
                        ? JSON.missingNode()
                        : tryParse(response.body());
                return new Response(response.statusCode(), response, json);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private JsonNode tryParse(String text) {
            try {
                return JSON.readTree(text);
            } catch (RuntimeException e) {
                return JSON.missingNode();
            }
        }
    }
}
