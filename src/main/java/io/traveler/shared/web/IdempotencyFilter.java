package io.traveler.shared.web;

import io.traveler.shared.errors.TravelerException;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} on POST: the first request with a key claims it (a unique row), runs, and stores its
 * response; a replay gets that response again; the same key with another body is 422. Requests racing on one
 * key wait for the first to finish, so exactly one of them acts. Keys are scoped to the organization and actor;
 * anonymous callers, who have neither, to their client address. Token endpoints are left out, and responses of
 * handlers marked {@link ResponseCarriesSecret} are never stored: credentials must never be replayed to anybody.
 */
public final class IdempotencyFilter extends OncePerRequestFilter {
    public static final String HEADER = "Idempotency-Key";
    private static final Set<String> NEVER_REPLAYED = Set.of("/api/auth/token", "/api/auth/refresh");
    private static final int MAX_BODY = 1 << 20;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Duration waitForFirst;
    private final ClientAddress clients;

    public IdempotencyFilter(
            JdbcClient jdbc, TransactionTemplate transactions, Duration waitForFirst, ClientAddress clients) {
        this.clients = clients;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.waitForFirst = waitForFirst;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || !RoutedPath.isApi(request)
                || request.getHeader(HEADER) == null
                || NEVER_REPLAYED.contains(RoutedPath.of(request));
    }

    private record Claim(UUID orgId, UUID actorId, String key, String requestHash) {}

    private record Stored(
            String requestHash, String state, Integer status, String contentType, byte[] body, boolean withheld) {}

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key.isBlank() || key.length() > 200) {
            ProblemWriter.write(
                    response,
                    json,
                    HttpStatus.BAD_REQUEST,
                    Problems.MALFORMED,
                    "Malformed request",
                    "Idempotency-Key must be 1 to 200 characters",
                    List.of(new TravelerException.FieldError(HEADER, "1 to 200 characters")));
            return;
        }
        boolean multipart = isMultipart(request);
        byte[] body = multipart
                ? partsDigest(request, response)
                : request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body == null) {
            return;
        }
        if (body.length > MAX_BODY) {
            ProblemWriter.write(
                    response,
                    json,
                    HttpStatus.CONTENT_TOO_LARGE,
                    Problems.TOO_LARGE,
                    "Payload too large",
                    "An idempotent request body may be at most " + MAX_BODY + " bytes",
                    List.of());
            return;
        }
        Tenant tenant = TenantContext.current();
        var claim = new Claim(
                tenant.orgId() == null ? Tenant.NO_ORG : tenant.orgId(),
                tenant.actorId() == null ? anonymousClient(clients.of(request)) : tenant.actorId(),
                key,
                hash(request, body));
        if (!claimKey(tenant, claim)) {
            replay(tenant, claim, response);
            return;
        }
        var cachedResponse = new ContentCachingResponseWrapper(response);
        boolean stored = false;
        try {
            chain.doFilter(multipart ? request : new CachedBodyRequest(request, body), cachedResponse);
            if (cachedResponse.getStatus() < 500) {
                boolean withhold = SecretResponses.carriesSecret(request) && cachedResponse.getStatus() < 300;
                store(tenant, claim, cachedResponse, withhold);
                stored = true;
            }
        } finally {
            if (!stored) {
                release(tenant, claim);
            }
            cachedResponse.copyBodyToResponse();
        }
    }

    /**
     * Keys are honoured for a day. Each claim first removes its organization's expired keys: row-level security
     * lets no job see every organization's keys, so each organization keeps its own table tidy as it goes.
     */
    private boolean claimKey(Tenant tenant, Claim claim) {
        return TenantContext.callAs(
                scopeOf(tenant, claim),
                () -> transactions.execute(status -> {
                    jdbc.sql(
                                    "delete from shared.idempotency_keys where org_id = :org and created_at < now() - interval '1 day'")
                            .param("org", claim.orgId())
                            .update();
                    return jdbc.sql("""
                            insert into shared.idempotency_keys (org_id, actor_id, idempotency_key, request_hash, state, created_at)
                            values (:org, :actor, :key, :hash, 'IN_PROGRESS', now())
                            on conflict (org_id, actor_id, idempotency_key) do nothing
                            """)
                                    .param("org", claim.orgId())
                                    .param("actor", claim.actorId())
                                    .param("key", claim.key())
                                    .param("hash", claim.requestHash())
                                    .update()
                            == 1;
                }));
    }

    private void replay(Tenant tenant, Claim claim, HttpServletResponse response) throws IOException {
        long deadline = System.nanoTime() + waitForFirst.toNanos();
        while (true) {
            Optional<Stored> stored = load(tenant, claim);
            if (stored.isPresent() && !stored.get().requestHash().equals(claim.requestHash())) {
                ProblemWriter.write(
                        response,
                        json,
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        Problems.IDEMPOTENCY_MISMATCH,
                        "Idempotency-Key reused",
                        "This Idempotency-Key was used with a different request",
                        List.of(new TravelerException.FieldError(HEADER, "already used with a different request")));
                return;
            }
            if (stored.isPresent()
                    && "COMPLETED".equals(stored.get().state())
                    && stored.get().withheld()) {
                ProblemWriter.write(
                        response,
                        json,
                        HttpStatus.CONFLICT,
                        Problems.IDEMPOTENT_RESPONSE_WITHHELD,
                        "Idempotent response withheld",
                        "The first request with this Idempotency-Key succeeded (status "
                                + stored.get().status()
                                + "); its response carried a secret, which is shown only once and not kept",
                        List.of());
                return;
            }
            if (stored.isPresent() && "COMPLETED".equals(stored.get().state())) {
                Stored done = stored.get();
                response.setStatus(done.status());
                if (done.contentType() != null) {
                    response.setContentType(done.contentType());
                }
                response.setHeader("Idempotent-Replayed", "true");
                response.getOutputStream().write(done.body() == null ? new byte[0] : done.body());
                return;
            }
            if (System.nanoTime() > deadline) {
                ProblemWriter.write(
                        response,
                        json,
                        HttpStatus.CONFLICT,
                        Problems.CONFLICT,
                        "Conflict",
                        "A request with this Idempotency-Key is still being processed; retry later",
                        List.of());
                return;
            }
            if (stored.isEmpty() && claimKey(tenant, claim)) {
                // the first attempt failed and released the key: this request may act after all
                ProblemWriter.write(
                        response,
                        json,
                        HttpStatus.CONFLICT,
                        Problems.CONFLICT,
                        "Conflict",
                        "The first request with this Idempotency-Key failed; retry",
                        List.of());
                release(tenant, claim);
                return;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    private Optional<Stored> load(Tenant tenant, Claim claim) {
        return TenantContext.callAs(
                scopeOf(tenant, claim),
                () -> transactions.execute(status -> jdbc.sql("""
                        select request_hash, state, response_status, content_type, response_body, response_withheld
                          from shared.idempotency_keys
                         where org_id = :org and actor_id = :actor and idempotency_key = :key
                        """)
                        .param("org", claim.orgId())
                        .param("actor", claim.actorId())
                        .param("key", claim.key())
                        .query((rs, n) -> new Stored(
                                rs.getString(1),
                                rs.getString(2),
                                (Integer) rs.getObject(3),
                                rs.getString(4),
                                rs.getBytes(5),
                                rs.getBoolean(6)))
                        .optional()));
    }

    /** A withheld response keeps its status only: the body with its secret goes to the first caller and nowhere else. */
    private void store(Tenant tenant, Claim claim, ContentCachingResponseWrapper response, boolean withhold) {
        TenantContext.runAs(
                scopeOf(tenant, claim),
                () -> transactions.executeWithoutResult(status -> jdbc.sql("""
                        update shared.idempotency_keys
                           set state = 'COMPLETED', response_status = :status, content_type = :type,
                               response_body = :body, response_withheld = :withheld, completed_at = now()
                         where org_id = :org and actor_id = :actor and idempotency_key = :key
                        """)
                        .param("status", response.getStatus())
                        .param("type", withhold ? null : response.getContentType())
                        .param("body", withhold ? null : response.getContentAsByteArray())
                        .param("withheld", withhold)
                        .param("org", claim.orgId())
                        .param("actor", claim.actorId())
                        .param("key", claim.key())
                        .update()));
    }

    private void release(Tenant tenant, Claim claim) {
        TenantContext.runAs(
                scopeOf(tenant, claim),
                () -> transactions.executeWithoutResult(status -> jdbc.sql("""
                        delete from shared.idempotency_keys
                         where org_id = :org and actor_id = :actor and idempotency_key = :key and state = 'IN_PROGRESS'
                        """)
                        .param("org", claim.orgId())
                        .param("actor", claim.actorId())
                        .param("key", claim.key())
                        .update()));
    }

    /**
     * An anonymous caller (sign-up, accepting an invitation) has no organization or actor, so its keys are scoped to
     * its client address instead (the forwarded one behind trusted proxies, which otherwise all callers would share):
     * another client reusing the same key and body never gets this one's response. The address is stored only as a
     * hash.
     */
    private static UUID anonymousClient(String clientAddress) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("anonymous-client:" + clientAddress).getBytes(StandardCharsets.UTF_8));
            var bytes = java.nio.ByteBuffer.wrap(digest);
            return new UUID(bytes.getLong(), bytes.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Row-level security on the key table follows {@code app.org_id}; anonymous calls use the nil organization. */
    private static Tenant scopeOf(Tenant tenant, Claim claim) {
        return new Tenant(claim.orgId(), tenant.actorId(), tenant.actorKind());
    }

    private static String hash(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(request.getMethod().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(stripSlash(request.getRequestURI()).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            if (request.getQueryString() != null) {
                digest.update(request.getQueryString().getBytes(StandardCharsets.UTF_8));
            }
            digest.update((byte) 0);
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data");
    }

    /**
     * A multipart upload is hashed by its parts (name, file name, bytes), which the container parses and spools to
     * disk here, once: the handler later reads the same parts (the body stream itself is the container's, so it
     * cannot be read here and again there). Null when the parts cannot be read; the refusal is already written.
     */
    private byte[] partsDigest(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (jakarta.servlet.http.Part part : request.getParts()) {
                digest.update(part.getName().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                if (part.getSubmittedFileName() != null) {
                    digest.update(part.getSubmittedFileName().getBytes(StandardCharsets.UTF_8));
                }
                digest.update((byte) 0);
                try (var content = part.getInputStream()) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int n; (n = content.read(buffer)) >= 0; ) {
                        digest.update(buffer, 0, n);
                    }
                }
                digest.update((byte) 0);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (ServletException | IOException | IllegalStateException e) {
            boolean tooLarge = e instanceof IllegalStateException || PayloadTooLargeException.in(e) != null;
            ProblemWriter.write(
                    response,
                    json,
                    tooLarge ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.BAD_REQUEST,
                    tooLarge ? Problems.TOO_LARGE : Problems.MALFORMED,
                    tooLarge ? "Payload too large" : "Malformed request",
                    tooLarge ? "The upload is larger than its limit" : "The multipart body cannot be read",
                    List.of());
            return null;
        }
    }

    private static String stripSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** Replays the body that was read to compute the request hash. */
    private static final class CachedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            var in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
