package io.traveler.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.shared.security.PermissionCatalogue;
import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.PageSession;
import io.traveler.testing.Tenants;
import io.traveler.testing.TestMail;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every endpoint the application registers under {@code /api/}, taken from its request mappings so that none can
 * be forgotten, called by every kind of caller who must not succeed: nobody signed in (401); a member of the owning
 * organization holding every permission except the endpoint's, as a user and as an API key (403 — with the sample
 * body, with no body and with a garbage body, so the refusal never depends on what was sent); an administrator of
 * another organization naming the owner's ids (404, or a list that never shows them), and that once more with the
 * database's row-level security switched off, so the application's own queries are known to keep organizations apart
 * and the policies only back them up. The owner's administrator then succeeds on each, so the matrix is known to
 * exercise real endpoints.
 *
 * <p>A mapping must carry {@code @PreAuthorize("hasAuthority('resource:action')")} or be listed in {@link #OPEN}
 * with the reason it is open; and it must have a sample request in {@link #samples}. A new endpoint without either
 * fails this test with the line to add.
 */
@ApplicationTest
class TenantRoleMatrixTests {
    private static final Pattern SINGLE_AUTHORITY = Pattern.compile("hasAuthority\\('([a-z_]+:[a-z_]+)'\\)");
    private static final String PARTS_CSV = "part_number,name,kind,unit_of_measure,unit_cost\nIN-I,In,HARDWARE,ea,1\n";
    private static final String CATEGORIES_JSON = "[{\"code\": \"IN-C\", \"name\": \"Imported\"}]";
    private static final String VARIANTS_CSV = "product_sku,sku,name\nMX-P,IN-V,Imported variant\n";
    private static final String BOM_LINES_CSV = "parent_sku,component_number,quantity,waste_factor\nMX-P,MX-1,1,0\n";
    private static final String GARBAGE_JSON = "{\"name\": [1, {\"x\": tru";

    enum Access {
        /** Anybody, signed in or not: the sample sent anonymously succeeds. */
        ANYONE,
        /** Any signed-in caller, user or API key, whatever its permissions; anonymous → 401. */
        SIGNED_IN,
        /** Any signed-in user acting on their own account; anonymous → 401, an API key → 403. */
        SIGNED_IN_USER,
        /** A record of the signed-in user's own account: anonymous → 401, an API key → 403, another user → 404. */
        OWN_RECORD
    }

    record Open(Access access, String why) {}

    /** The endpoints no permission guards, each with why it is open. Keep this list small. */
    private static final Map<String, Open> OPEN = Map.ofEntries(
            Map.entry("POST /api/auth/signup", new Open(Access.ANYONE, "creates a new organization")),
            Map.entry("POST /api/auth/token", new Open(Access.ANYONE, "signing in")),
            Map.entry("POST /api/auth/refresh", new Open(Access.ANYONE, "the refresh token is the credential")),
            Map.entry("POST /api/auth/logout", new Open(Access.ANYONE, "the refresh token is the credential")),
            Map.entry("GET /api/me", new Open(Access.SIGNED_IN, "who the caller is")),
            Map.entry("GET /api/shops", new Open(Access.SIGNED_IN, "the caller's own organizations")),
            Map.entry("GET /api/permissions", new Open(Access.SIGNED_IN, "the public permission catalogue")),
            Map.entry(
                    "GET /api/search",
                    new Open(Access.SIGNED_IN, "asks only the search providers whose permission the caller holds")),
            Map.entry("POST /api/me/mfa/totp", new Open(Access.SIGNED_IN_USER, "the caller's own account")),
            Map.entry("POST /api/me/mfa/totp/confirm", new Open(Access.SIGNED_IN_USER, "the caller's own account")),
            Map.entry("POST /api/me/mfa/totp/remove", new Open(Access.SIGNED_IN_USER, "the caller's own account")),
            Map.entry("POST /api/me/password", new Open(Access.SIGNED_IN_USER, "the caller's own account")),
            Map.entry("POST /api/auth/verify-email", new Open(Access.ANYONE, "the mailed token is the credential")),
            Map.entry(
                    "POST /api/auth/verify-email/resend",
                    new Open(Access.SIGNED_IN_USER, "mails the caller's own address")),
            Map.entry("POST /api/invitations/accept", new Open(Access.ANYONE, "the mailed token is the credential")),
            Map.entry("GET /api/me/sessions", new Open(Access.SIGNED_IN_USER, "the caller's own sign-ins")),
            Map.entry(
                    "DELETE /api/me/sessions/{id}", new Open(Access.OWN_RECORD, "ends one of the caller's sign-ins")));

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    PermissionCatalogue catalogue;

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource ownerDataSource;

    private Api api;

    /** A registered mapping: its key ("METHOD pattern", plus the media type when it declares one). */
    record Endpoint(String key, String permission, boolean readsBody, String handler) {}

    /** A user and an API key of one organization, holding the same permissions. */
    record Caller(UUID userId, String token, String apiKey) {}

    /** One request of the matrix; {@code owner} is the organization whose administrator may make it. */
    static final class Sample {
        final String key;
        final String path;
        Object body;
        String contentType;
        Api.Tenant owner;
        boolean namesOwnersIds;

        Sample(String key, String path, Api.Tenant owner) {
            this.key = key;
            this.path = path;
            this.owner = owner;
            this.namesOwnersIds = key.contains("{");
        }

        Sample body(Object value) {
            this.body = value;
            return this;
        }

        Sample as(String mediaType, String text) {
            this.contentType = mediaType;
            this.body = text;
            return this;
        }

        Sample by(Api.Tenant tenant) {
            this.owner = tenant;
            return this;
        }

        Sample namesOwnersIds(boolean names) {
            this.namesOwnersIds = names;
            return this;
        }

        String method() {
            return key.substring(0, key.indexOf(' '));
        }

        @Override
        public String toString() {
            return method() + " " + path;
        }
    }

    private final List<Sample> samples = new ArrayList<>();
    private final Map<String, Caller> lacking = new HashMap<>();
    private Tenants tenants;

    private Sample sample(String key, String path) {
        Sample sample = new Sample(key, path, owner);
        samples.add(sample);
        return sample;
    }

    private Api.Tenant owner;
    private final List<String> ownersIds = new ArrayList<>();
    /** In the names of the owner's station, workflow, customer and project on the shop floor: pages show names. */
    private static final String OWNERS_MARK =
            "owner-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void noCallerOutsideTheRulesGetsA2xx() {
        api = new Api(port);
        Map<String, Endpoint> endpoints = registeredEndpoints();
        tenants = Tenants.in(context);
        owner = api.signUp("BRAND"); // signed up over HTTP: its mailed verification link is a sample
        var stranger = tenants.signedIn("BRAND");
        var factory = tenants.signedIn("FACTORY");
        var pendingFactory = tenants.signedIn("FACTORY");
        var invitedFactory = tenants.signedIn("FACTORY");
        defineSamples(factory, pendingFactory, invitedFactory);

        List<String> unlisted = unlistedEndpoints(endpoints);
        assertThat(unlisted)
                .as("every /api mapping carries a permission or is OPEN, and has a sample")
                .isEmpty();

        List<String> violations = new ArrayList<>();
        int checks = 0;
        for (Sample sample : samples) {
            Endpoint endpoint = endpoints.get(sample.key);
            Open open = OPEN.get(sample.key);
            if (open != null) {
                checks += checkOpen(sample, open, violations);
                continue;
            }
            checks++;
            var anonymous = send(sample, null, null, sample.body);
            if (anonymous.status() != 401) {
                violations.add(sample + " anonymous → " + anonymous.status());
            }
            Caller without = lackingOnly(sample.owner, endpoint.permission());
            for (Object body : bodiesFor(sample, endpoint)) {
                var asUser = send(sample, without.token(), null, body);
                var asKey = send(sample, null, without.apiKey(), body);
                checks += 2;
                String sent = body == null ? "no body" : body == sample.body ? "its body" : "a garbage body";
                if (asUser.status() != 403) {
                    violations.add(sample + " with " + sent + " by a member without " + endpoint.permission() + " → "
                            + asUser);
                }
                if (asKey.status() != 403) {
                    violations.add(sample + " with " + sent + " by an API key without " + endpoint.permission() + " → "
                            + asKey);
                }
            }
            checks++;
            checkStranger(sample, stranger, violations);
        }
        assertThat(violations)
                .as("unauthorised answers out of %d checks", checks)
                .isEmpty();

        List<String> unscoped = new ArrayList<>();
        withoutRowLevelSecurity(() -> {
            samples.stream()
                    .filter(sample -> !OPEN.containsKey(sample.key)
                            || (sample.method().equals("GET")
                                    && OPEN.get(sample.key).access() != Access.ANYONE))
                    .forEach(sample -> checkStranger(sample, stranger, unscoped));
            checkStrangersPages(stranger, unscoped);
        });
        assertThat(unscoped)
                .as("another organization's answers with row-level security off: the application's own queries"
                        + " must keep organizations apart, the database's policies only back them up")
                .isEmpty();

        List<String> ownerFailures = new ArrayList<>();
        for (Sample sample : samples) {
            if (OPEN.containsKey(sample.key)) {
                continue;
            }
            var response = send(sample, sample.owner.token(), null, sample.body);
            if (response.status() / 100 != 2) {
                ownerFailures.add(sample + " → " + response);
            }
        }
        assertThat(ownerFailures)
                .as("the owner's administrator succeeds everywhere")
                .isEmpty();
    }

    /**
     * Another organization's administrator names the owner's ids (404) or lists what is theirs: none of the owner's ids,
     * nor its administrator's e-mail address (the outbox, users, invitations).
     */
    private void checkStranger(Sample sample, Api.Tenant stranger, List<String> violations) {
        var foreign = send(sample, stranger.token(), null, sample.body);
        if (sample.namesOwnersIds && foreign.status() != 404) {
            violations.add(sample + " by another organization's administrator → " + foreign);
        }
        if (!sample.namesOwnersIds && sample.method().equals("GET") && foreign.status() == 200) {
            for (String id : ownersIds) {
                if (foreign.raw().body().contains(id)) {
                    violations.add(sample + " shows another organization " + id);
                }
            }
            if (foreign.raw().body().contains(owner.email())) {
                violations.add(sample + " shows another organization's administrator's address " + owner.email());
            }
        }
    }

    /**
     * The pages another organization's administrator can open without naming anything (every {@code /app} GET with no
     * path variable: lists, boards, dashboards, forms) must show none of the owner's ids nor its administrator's
     * address. Page-only reads (the shop floor's boards and figures, the production views) have no {@code /api} twin
     * for the samples to reach.
     */
    private void checkStrangersPages(Api.Tenant stranger, List<String> violations) {
        List<String> pages = pagesWithoutVariables();
        assertThat(pages).as("pages to open").hasSizeGreaterThan(20);
        List<String> opened = new ArrayList<>();
        try {
            PageSession session = PageSession.signIn(port, stranger.email());
            for (String page : pages) {
                var answer = session.get(page);
                if (answer.statusCode() == 200) {
                    opened.add(page);
                }
                if (answer.statusCode() / 100 == 5) {
                    violations.add(
                            "page " + page + " by another organization's administrator → " + answer.statusCode());
                }
                if (answer.statusCode() != 200) {
                    continue;
                }
                for (String id : ownersIds) {
                    if (answer.body().contains(id)) {
                        violations.add("page " + page + " shows another organization's " + id);
                    }
                }
                if (answer.body().contains(owner.email())) {
                    violations.add("page " + page + " shows another organization's administrator's address");
                }
                if (answer.body().contains(OWNERS_MARK)) {
                    violations.add("page " + page + " shows another organization's shop floor (" + OWNERS_MARK + ")");
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("opening the pages failed", e);
        }
        assertThat(opened)
                .as("pages the administrator opened, of %s", pages)
                .hasSizeGreaterThan(pages.size() * 3 / 4)
                .contains("/app/production", "/app/defects", "/app/outbox");
        checkStrangersPagesOfOwnersIds(stranger, violations);
    }

    /**
     * Every {@code /app} GET that names one variable, opened with the owner's ids of its kind: the ids the samples put
     * after the same word under {@code /api} ({@code /api/projects/{id}} for {@code /app/projects/{id}}). None may
     * open, and none may answer 5xx.
     */
    private void checkStrangersPagesOfOwnersIds(Api.Tenant stranger, List<String> violations) {
        Map<String, Set<String>> idsByKind = ownersIdsByKind();
        Map<String, Set<String>> nestedIdsByKind = ownersIdsByKind(ANY_API_ID);
        List<String> pages = pagesWithOneVariable();
        PageSession session = session(stranger);
        int opened = 0;
        try {
            for (String page : pages) {
                Matcher kind = PAGE_KIND.matcher(page);
                if (!kind.find()) {
                    continue;
                }
                // a kind the samples name only deeper in their paths (/api/catalog/parts/{id} for
                // /app/catalog/parts/{id}) takes a few of those ids
                Set<String> ids = idsByKind.containsKey(kind.group(1))
                        ? idsByKind.get(kind.group(1))
                        : nestedIdsByKind.getOrDefault(kind.group(1), Set.of()).stream()
                                .limit(NESTED_IDS_PER_PAGE)
                                .collect(Collectors.toSet());
                for (String id : ids) {
                    expectRefused(session, page, page.replaceFirst("\\{[^}]+}", id), violations);
                    opened++;
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("opening the pages failed", e);
        }
        assertThat(opened).as("pages opened with the owner's ids").isGreaterThan(20);
        checkStrangersPagesOfOwnersIdPairs(session, nestedIdsByKind, violations);
    }

    /**
     * Every {@code /app} GET that names two variables ({@code /app/orders/{orderId}/lines/{lineId}/configure}),
     * opened with the owner's ids of each kind, every pair of them up to {@value #PAIRS_PER_PAGE} a page (the owner's
     * real pairs among them). None may open, and none may answer 5xx.
     */
    private void checkStrangersPagesOfOwnersIdPairs(
            PageSession session, Map<String, Set<String>> idsByKind, List<String> violations) {
        long started = System.nanoTime();
        List<String> pages = pagesWithTwoVariables();
        assertThat(pages).as("pages naming two ids").isNotEmpty();
        int opened = 0;
        List<String> unopened = new ArrayList<>();
        try {
            for (String page : pages) {
                Matcher kinds = VARIABLE_KIND.matcher(page);
                List<Set<String>> ids = new ArrayList<>();
                while (kinds.find()) {
                    ids.add(idsByKind.getOrDefault(kinds.group(1), Set.of()));
                }
                if (ids.get(0).isEmpty() || ids.get(1).isEmpty()) {
                    unopened.add(page);
                }
                int pairs = 0;
                pairsOfThisPage:
                for (String first : ids.get(0)) {
                    for (String second : ids.get(1)) {
                        if (pairs++ == PAIRS_PER_PAGE) {
                            break pairsOfThisPage;
                        }
                        String path = page.replaceFirst("\\{[^}]+}", first).replaceFirst("\\{[^}]+}", second);
                        expectRefused(session, page, path, violations);
                        opened++;
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("opening the pages failed", e);
        }
        System.out.println("Pages naming two ids: " + pages + "; opened " + opened + " times with the owner's ids in "
                + (System.nanoTime() - started) / 1_000_000 + " ms");
        assertThat(unopened)
                .as("pages naming two ids of kinds no sample names (add a sample of the owner's for each kind)")
                .isEmpty();
    }

    private static final int PAIRS_PER_PAGE = 9;

    /** Opens {@code path} (of {@code page}) as the stranger: it may neither open (200) nor fail (5xx). */
    private static void expectRefused(PageSession session, String page, String path, List<String> violations)
            throws Exception {
        var answer = session.get(path);
        if (answer.statusCode() == 200 || answer.statusCode() / 100 == 5) {
            violations.add("page " + path + " (" + page + ") by another organization's administrator → "
                    + answer.statusCode());
        }
    }

    private static final int NESTED_IDS_PER_PAGE = 4;

    /** The word before each of a page's variables: {@code orders}, then {@code lines}. */
    private static final Pattern VARIABLE_KIND = Pattern.compile("([a-z-]+)/\\{");

    private PageSession session(Api.Tenant stranger) {
        try {
            return PageSession.signIn(port, stranger.email());
        } catch (Exception e) {
            throw new IllegalStateException("signing in failed", e);
        }
    }

    /** Every GET mapping under {@code /app} whose pattern names exactly two variables, in order. */
    private List<String> pagesWithTwoVariables() {
        return appGetPatterns().stream()
                .filter(pattern -> pattern.chars().filter(c -> c == '{').count() == 2)
                .toList();
    }

    /** The word before a page's variable: {@code projects} in {@code /app/projects/{id}/labels}. */
    private static final Pattern PAGE_KIND = Pattern.compile("^/app/(?:[a-z-]+/)*?([a-z-]+)/\\{");

    private static final Pattern API_ID =
            Pattern.compile("/api/([a-z-]+)/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");

    /** Any id in an {@code /api} path and the word before it: {@code lines} in {@code /api/orders/{id}/lines/{id}}. */
    private static final Pattern ANY_API_ID =
            Pattern.compile("/([a-z-]+)/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");

    /** The owner's ids the samples name right after {@code /api/<kind>/}, by that kind. */
    private Map<String, Set<String>> ownersIdsByKind() {
        return ownersIdsByKind(API_ID);
    }

    /** The owner's ids the samples' {@code /api} paths name where {@code idPattern} finds them, by the word before them. */
    private Map<String, Set<String>> ownersIdsByKind(Pattern idPattern) {
        Map<String, Set<String>> ids = new TreeMap<>();
        for (Sample sample : samples) {
            if (sample.owner != owner) {
                continue;
            }
            if (!sample.path.startsWith("/api/")) {
                continue;
            }
            Matcher id = idPattern.matcher(sample.path);
            while (id.find()) {
                ids.computeIfAbsent(id.group(1), k -> new java.util.TreeSet<>()).add(id.group(2));
            }
        }
        return ids;
    }

    /** Every GET mapping under {@code /app} whose pattern names exactly one variable (live streams aside), in order. */
    private List<String> pagesWithOneVariable() {
        return appGetPatterns().stream()
                .filter(pattern -> pattern.chars().filter(c -> c == '{').count() == 1)
                .toList();
    }

    /** Every GET mapping under {@code /app} whose pattern names no variable (live streams aside), in order. */
    private List<String> pagesWithoutVariables() {
        return appGetPatterns().stream()
                .filter(pattern -> !pattern.contains("{"))
                .toList();
    }

    /** The patterns of every GET mapping under {@code /app} without a wildcard, live streams aside, in order. */
    private List<String> appGetPatterns() {
        Set<String> pages = new java.util.TreeSet<>();
        for (var mapping :
                context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                if ((!methods.isEmpty() && !methods.contains(RequestMethod.GET))
                        || info.getProducesCondition()
                                .getProducibleMediaTypes()
                                .contains(org.springframework.http.MediaType.TEXT_EVENT_STREAM)) {
                    continue; // a live stream never ends: its scoping is LiveUpdatesTests'
                }
                for (String pattern : info.getPatternValues()) {
                    if (pattern.startsWith("/app") && !pattern.contains("*")) {
                        pages.add(pattern);
                    }
                }
            }
        }
        return List.copyOf(pages);
    }

    /**
     * Runs {@code calls} with row-level security switched off on every table that has it (committed, as the tables'
     * owner: the application's own connections must see the change), and switches it back on afterwards whatever
     * happened. Each test JVM has a database of its own, and its test classes run one after another.
     */
    private void withoutRowLevelSecurity(Runnable calls) {
        var owner = JdbcClient.create(ownerDataSource);
        List<String> tables = owner.sql("""
                        select quote_ident(n.nspname) || '.' || quote_ident(c.relname)
                          from pg_class c join pg_namespace n on n.oid = c.relnamespace
                         where c.relkind = 'r' and c.relrowsecurity""").query(String.class).list();
        assertThat(tables).hasSizeGreaterThan(20);
        try {
            tables.forEach(table -> owner.sql("alter table " + table + " disable row level security")
                    .update());
            calls.run();
        } finally {
            tables.forEach(table -> owner.sql("alter table " + table + " enable row level security")
                    .update());
        }
    }

    /**
     * A member of {@code tenant} holding exactly {@code permissions} through a custom role, as a user and as an API
     * key. The member is made directly ({@link Tenants}): how a person joins has its own tests, and the matrix needs
     * dozens of such members.
     */
    private Caller memberWith(Api.Tenant tenant, Set<String> permissions) {
        Api.Tenant added = tenants.signedIn(tenants.memberWith(tenant.orgId(), permissions));
        String key = null;
        if (!permissions.isEmpty()) {
            var created = api.post("/api/api-keys")
                    .as(tenant)
                    .body(Map.of("name", "matrix", "permissions", permissions))
                    .send();
            assertThat(created.status()).as("API key %s", created).isEqualTo(201);
            key = created.text("key");
        }
        return new Caller(added.userId(), added.token(), key);
    }

    /** An invitation: the person joins only by following the mailed link ({@link Api#addMember}). */
    private static Map<String, Object> newMember(String email, String roleId) {
        return Map.of("email", email, "role_ids", List.of(roleId));
    }

    private Caller lackingOnly(Api.Tenant tenant, String permission) {
        return lacking.computeIfAbsent(tenant.orgId() + " " + permission, k -> {
            Set<String> others = new TreeSet<>(catalogue.allCodes());
            others.remove(permission);
            return memberWith(tenant, others);
        });
    }

    private int checkOpen(Sample sample, Open open, List<String> violations) {
        if (open.access() == Access.ANYONE) {
            var anonymous = send(sample, null, null, sample.body);
            if (anonymous.status() / 100 != 2) {
                violations.add(sample + " (open to anyone) anonymous → " + anonymous);
            }
            return 1;
        }
        var anonymous = send(sample, null, null, sample.body);
        if (anonymous.status() != 401) {
            violations.add(sample + " anonymous → " + anonymous.status());
        }
        Caller nobody = lacking.computeIfAbsent(sample.owner.orgId() + " nothing", k -> {
            Caller member = memberWith(sample.owner, Set.of());
            var key = api.post("/api/api-keys")
                    .as(sample.owner)
                    .body(Map.of("name", "narrow", "permissions", List.of("audit:read")))
                    .send();
            return new Caller(member.userId(), member.token(), key.text("key"));
        });
        var asUser = send(sample, nobody.token(), null, sample.body);
        if (open.access() == Access.OWN_RECORD ? asUser.status() != 404 : !reachedTheHandler(asUser)) {
            violations.add(sample + " (open to " + open.access() + ") by a member without permissions → " + asUser);
        }
        var asKey = send(sample, null, nobody.apiKey(), sample.body);
        boolean keyAllowed = open.access() == Access.SIGNED_IN;
        if (keyAllowed ? !reachedTheHandler(asKey) : asKey.status() != 403) {
            violations.add(sample + " (open to " + open.access() + ") by an API key → " + asKey);
        }
        return 3;
    }

    /** Open endpoints may refuse the sample's content, but never the caller. */
    private static boolean reachedTheHandler(Api.Response response) {
        return response.status() < 500 && !Set.of(401, 403, 404, 405, 415).contains(response.status());
    }

    /** The sample's body, and for endpoints that read one also none and garbage: the refusal comes first. */
    private static List<Object> bodiesFor(Sample sample, Endpoint endpoint) {
        List<Object> bodies = new ArrayList<>();
        bodies.add(sample.body);
        if (endpoint.readsBody()) {
            if (sample.body != null) {
                bodies.add(null);
            }
            bodies.add(sample.contentType == null || sample.contentType.contains("json") ? GARBAGE_JSON : "\0,\"\n\"");
        }
        return bodies;
    }

    /** Changing calls carry {@code If-Match: *}, so only the caller's rights decide the answer. */
    private Api.Response send(Sample sample, String token, String apiKey, Object body) {
        var request = api.request(sample.method(), sample.path);
        if (token != null) {
            request.token(token);
        }
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        request.header("Content-Type", sample.contentType != null ? sample.contentType : "application/json");
        if (body != null) {
            request.body(body);
        }
        if (List.of("PATCH", "PUT", "DELETE").contains(sample.method())) {
            request.ifMatch("*");
        }
        return request.send();
    }

    // ---------------------------------------------------------------------------------------------------------
    // The endpoints, from the application's own request mappings

    private Map<String, Endpoint> registeredEndpoints() {
        Map<String, Endpoint> endpoints = new TreeMap<>();
        for (var mapping :
                context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                    mapping.getHandlerMethods().entrySet()) {
                RequestMappingInfo info = entry.getKey();
                HandlerMethod handler = entry.getValue();
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                String consumes = info.getConsumesCondition().getConsumableMediaTypes().stream()
                        .map(Object::toString)
                        .sorted()
                        .collect(Collectors.joining(","));
                for (String pattern : info.getPatternValues()) {
                    if (!pattern.startsWith("/api/")) {
                        continue;
                    }
                    for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.values()) : methods) {
                        String key = method + " " + pattern + (consumes.isEmpty() ? "" : " " + consumes);
                        endpoints.put(
                                key, new Endpoint(key, permissionOf(handler), readsBody(handler), describe(handler)));
                    }
                }
            }
        }
        return endpoints;
    }

    /** The single authority of the handler's {@code @PreAuthorize}, {@code ""} for another form, null for none. */
    private static String permissionOf(HandlerMethod handler) {
        PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PreAuthorize.class);
        if (rule == null) {
            rule = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PreAuthorize.class);
        }
        if (rule == null) {
            return null;
        }
        var matcher = SINGLE_AUTHORITY.matcher(rule.value().trim());
        return matcher.matches() ? matcher.group(1) : "";
    }

    private static boolean readsBody(HandlerMethod handler) {
        for (var parameter : handler.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(HandlerMethod handler) {
        return handler.getBeanType().getSimpleName() + "#" + handler.getMethod().getName();
    }

    private List<String> unlistedEndpoints(Map<String, Endpoint> endpoints) {
        List<String> problems = new ArrayList<>();
        Set<String> sampled = new LinkedHashSet<>();
        samples.forEach(s -> sampled.add(s.key));
        for (Endpoint endpoint : endpoints.values()) {
            String key = endpoint.key();
            boolean open = OPEN.containsKey(key);
            if (endpoint.permission() == null && !open) {
                problems.add("\"" + key + "\" (" + endpoint.handler() + ") has no @PreAuthorize(\"hasAuthority('…')\":"
                        + " add one, or list it in OPEN with the reason it needs no permission");
            } else if ("".equals(endpoint.permission())) {
                problems.add("\"" + key + "\" (" + endpoint.handler() + ") uses a @PreAuthorize other than"
                        + " hasAuthority('resource:action'), which the matrix cannot test");
            } else if (endpoint.permission() != null && open) {
                problems.add("\"" + key + "\" needs " + endpoint.permission() + " but is listed in OPEN: remove it");
            } else if (endpoint.permission() != null && !catalogue.isKnown(endpoint.permission())) {
                problems.add("\"" + key + "\" needs " + endpoint.permission() + ", which no module declares");
            }
            if (!sampled.contains(key)) {
                problems.add("\"" + key + "\" (" + endpoint.handler() + ") has no sample request: add to"
                        + " defineSamples() a line like sample(\"" + key + "\", \"" + examplePath(key)
                        + "\").body(Map.of(...)) with real ids of the owner's fixtures");
            }
        }
        for (String key : sampled) {
            if (!endpoints.containsKey(key)) {
                problems.add("sample \"" + key + "\" matches no registered mapping: fix or remove it");
            }
        }
        for (String key : OPEN.keySet()) {
            if (!endpoints.containsKey(key)) {
                problems.add("OPEN \"" + key + "\" matches no registered mapping: fix or remove it");
            }
        }
        return problems;
    }

    private static String examplePath(String key) {
        String path = key.split(" ")[1];
        return path.replaceAll("\\{[^}]+}", "\" + fixture.id() + \"");
    }

    // ---------------------------------------------------------------------------------------------------------
    // The samples: one or more per mapping, in the order they run (destructive calls last)

    /**
     * An order written directly (the phase samples need no order API): of {@code org}'s customer, or a purchase order
     * {@code org} places as a brand with {@code factoryOrgId}; with its creation in the history.
     */
    private UUID placeOrder(Api.Tenant placer, UUID customerId, UUID factoryOrgId) {
        var orders = context.getBean(io.traveler.orders.internal.Orders.class);
        var changes = context.getBean(io.traveler.orders.internal.PhaseChanges.class);
        var transactions = context.getBean(org.springframework.transaction.support.TransactionTemplate.class);
        var tenant = io.traveler.shared.tenancy.Tenant.user(placer.orgId(), placer.userId());
        return io.traveler.shared.tenancy.TenantContext.callAs(
                tenant,
                () -> transactions.execute(tx -> {
                    var now = java.time.Instant.now();
                    var today = java.time.LocalDate.now();
                    String code = "MX-" + UUID.randomUUID();
                    var order = customerId != null
                            ? io.traveler.orders.internal.Order.forCustomer(
                                    placer.orgId(),
                                    code,
                                    customerId,
                                    "Matrix buyer",
                                    "EUR",
                                    today,
                                    placer.userId(),
                                    now)
                            : io.traveler.orders.internal.Order.purchaseOrder(
                                    factoryOrgId,
                                    placer.orgId(),
                                    "Matrix brand",
                                    code,
                                    "EUR",
                                    today,
                                    placer.userId(),
                                    now);
                    var saved = orders.saveAndFlush(order);
                    changes.save(io.traveler.orders.internal.PhaseChange.creation(saved, placer.userId(), now));
                    return saved.id();
                }));
    }

    private Api.Response created(Api.Request request) {
        var response = request.send();
        assertThat(response.status()).as("fixture %s", response).isIn(201, 202);
        if (response.text("id") != null) {
            ownersIds.add(response.text("id"));
        }
        return response;
    }

    /** Waits (polling, at most 30 s) until the owner's job has finished. */
    private void awaitJob(UUID job) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            String status = api.get("/api/jobs/" + job).as(owner).send().text("status");
            if (!List.of("QUEUED", "RUNNING").contains(status)) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("job " + job + " unfinished after 30 s");
    }

    private void defineSamples(Api.Tenant factory, Api.Tenant pendingFactory, Api.Tenant invitedFactory) {
        var location = created(
                api.post("/api/locations").as(owner).body(Map.of("code", "S1", "name", "Site", "kind", "SITE")));
        var station = created(api.post("/api/stations").as(owner).body(Map.of("name", "Matrix station")));
        var employee = created(api.post("/api/employees").as(owner).body(Map.of("name", "Matrix employee")));
        var role = created(api.post("/api/roles").as(owner).body(Map.of("name", "Nobody", "permissions", List.of())));
        var disposableRole =
                created(api.post("/api/roles").as(owner).body(Map.of("name", "Disposable", "permissions", List.of())));
        Caller member = memberWith(owner, Set.of());
        ownersIds.add(member.userId().toString());
        var key = created(api.post("/api/api-keys")
                .as(owner)
                .body(Map.of("name", "narrow", "permissions", List.of("audit:read"))));
        var partnership =
                created(api.post("/api/partnerships").as(owner).body(Map.of("factory_org_id", factory.orgId())));
        var pendingPartnership =
                created(api.post("/api/partnerships").as(owner).body(Map.of("factory_org_id", pendingFactory.orgId())));
        created(api.post("/api/settings/numbering-series").as(owner).body(Map.of("key", "matrix", "prefix", "MX-")));
        var category = created(
                api.post("/api/catalog/categories").as(owner).body(Map.of("code", "MX", "name", "Matrix category")));
        var part = created(api.post("/api/catalog/parts")
                .as(owner)
                .body(Map.of(
                        "part_number", "MX-1", "name", "Matrix part", "kind", "COMPONENT", "unit_of_measure", "ea")));
        var unusedPart = created(api.post("/api/catalog/parts")
                .as(owner)
                .body(Map.of(
                        "part_number", "MX-2", "name", "Unused part", "kind", "COMPONENT", "unit_of_measure", "ea")));
        var product = created(
                api.post("/api/products/templates").as(owner).body(Map.of("sku", "MX-P", "name", "Matrix product")));
        Map<String, Object> bomBody =
                Map.of("lines", List.of(Map.of("component_type", "PART", "component_id", part.id(), "quantity", 2)));
        var bom = created(api.post("/api/products/templates/" + product.id() + "/boms")
                .as(owner)
                .body(bomBody));
        var draft = created(api.post("/api/products/templates/" + product.id() + "/boms")
                .as(owner)
                .body(bomBody));
        var disposableCategory = created(api.post("/api/catalog/categories")
                .as(owner)
                .body(Map.of("code", "MX-D", "name", "Disposable category")));
        var disposableProduct = created(api.post("/api/products/templates")
                .as(owner)
                .body(Map.of("sku", "MX-DEL", "name", "Disposable product")));
        var variant = created(api.post("/api/products/templates/" + product.id() + "/variants")
                .as(owner)
                .body(Map.of("name", "Matrix variant", "sku", "MX-V")));
        var unmappedVariant = created(api.post("/api/products/templates/" + product.id() + "/variants")
                .as(owner)
                .body(Map.of("name", "Unmapped variant")));
        var disposableVariant = created(api.post("/api/products/templates/" + product.id() + "/variants")
                .as(owner)
                .body(Map.of("name", "Disposable variant")));
        var accepted = api.post("/api/partnerships/" + partnership.id() + "/accept")
                .as(factory)
                .send();
        assertThat(accepted.status()).isEqualTo(200);
        var supplierVariant = created(api.post("/api/catalog/variants/" + variant.id() + "/supplier-variants")
                .as(owner)
                .body(Map.of("factory_org_id", factory.orgId(), "supplier_sku", "F-MX")));
        var disposableSupplierVariant =
                created(api.post("/api/catalog/variants/" + disposableVariant.id() + "/supplier-variants")
                        .as(owner)
                        .body(Map.of("factory_org_id", factory.orgId())));
        var customer = created(api.post("/api/customers")
                .as(owner)
                .body(Map.of("name", "Matrix customer", "email", "matrix@customer.example")));
        var disposableCustomer =
                created(api.post("/api/customers").as(owner).body(Map.of("name", "Disposable customer")));
        String contacts = "/api/customers/" + customer.id() + "/contacts";
        var contact = created(api.post(contacts).as(owner).body(Map.of("name", "Matrix contact")));
        var disposableContact = created(api.post(contacts).as(owner).body(Map.of("name", "Disposable contact")));
        String interactions = "/api/customers/" + customer.id() + "/interactions";
        var disposableInteraction =
                created(api.post(interactions).as(owner).body(Map.of("kind", "NOTE", "subject", "Disposable")));
        Map<String, Object> quoteLine = Map.of("product_id", product.id(), "quantity", 1, "unit_price", 5);
        Map<String, Object> quoteBody = Map.of("customer_id", customer.id(), "lines", List.of(quoteLine, quoteLine));
        var draftQuote = created(api.post("/api/quotes").as(owner).body(quoteBody));
        String quoteLines = "/api/quotes/" + draftQuote.id() + "/lines";
        var quoteLineIds = draftQuote.json().path("lines");
        var sendableQuote = created(api.post("/api/quotes").as(owner).body(quoteBody));
        var sentQuote = created(api.post("/api/quotes").as(owner).body(quoteBody));
        assertThat(api.post("/api/quotes/" + sentQuote.id() + "/send")
                        .as(owner)
                        .ifMatch("*")
                        .send()
                        .status())
                .isEqualTo(200);
        var disposableQuote = created(api.post("/api/quotes").as(owner).body(quoteBody));
        Map<String, Object> orderLine = Map.of("product_id", product.id(), "quantity", 1, "unit_price", 5);
        Map<String, Object> orderBody = Map.of("customer_id", customer.id(), "lines", List.of(orderLine, orderLine));
        var order = created(api.post("/api/orders").as(owner).body(orderBody));
        var disposableOrder = created(api.post("/api/orders").as(owner).body(orderBody));
        String orderLines = "/api/orders/" + order.id() + "/lines";
        String firstLine =
                orderLines + "/" + order.json().path("lines").get(0).path("id").asString();
        String secondLine =
                orderLines + "/" + order.json().path("lines").get(1).path("id").asString();
        var importJob = created(api.post("/api/imports/products").as(owner).csv("sku,name\nMX-I,Imported\n"));
        var exportJob = created(api.post("/api/catalog/parts/export-jobs").as(owner));
        awaitJob(exportJob.id());
        var refresh = api.post("/api/auth/token")
                .body(Map.of("email", owner.email(), "password", Api.PASSWORD))
                .send();
        var spare = api.post("/api/auth/token")
                .body(Map.of("email", owner.email(), "password", Api.PASSWORD))
                .send();

        String inviteeEmail = Api.uniqueEmail("invitee");
        assertThat(api.invite(owner, inviteeEmail, role.text("id")).status()).isEqualTo(202);
        var invitation =
                created(api.post("/api/users").as(owner).body(newMember(Api.uniqueEmail("pending"), role.text("id"))));

        var ending = api.post("/api/auth/token")
                .body(Map.of("email", owner.email(), "password", Api.PASSWORD))
                .send();
        sample("GET /api/me/sessions", "/api/me/sessions");
        sample("GET /api/outbox", "/api/outbox");
        sample("DELETE /api/me/sessions/{id}", "/api/me/sessions/" + ending.text("session_id"));
        sample("POST /api/auth/verify-email", "/api/auth/verify-email")
                .body(Map.of("token", TestMail.verificationToken(owner.email())));
        sample("POST /api/auth/verify-email/resend", "/api/auth/verify-email/resend");
        sample("POST /api/invitations/accept", "/api/invitations/accept")
                .body(Map.of(
                        "token", TestMail.invitationToken(inviteeEmail), "name", "Invitee", "password", Api.PASSWORD));
        sample("GET /api/invitations", "/api/invitations");
        sample("GET /api/invitations/{id}", "/api/invitations/" + invitation.id());
        sample("POST /api/invitations/{id}/resend", "/api/invitations/" + invitation.id() + "/resend");
        sample("POST /api/auth/signup", "/api/auth/signup")
                .body(Map.of(
                        "organization_name",
                        "Matrix signup",
                        "organization_kind",
                        "BRAND",
                        "name",
                        "Signer",
                        "email",
                        Api.uniqueEmail("signup"),
                        "password",
                        Api.PASSWORD));
        sample("POST /api/auth/token", "/api/auth/token")
                .body(Map.of("email", owner.email(), "password", Api.PASSWORD));
        sample("POST /api/auth/refresh", "/api/auth/refresh")
                .body(Map.of("refresh_token", refresh.text("refresh_token")));
        sample("POST /api/auth/logout", "/api/auth/logout").body(Map.of("refresh_token", spare.text("refresh_token")));
        sample("GET /api/me", "/api/me");
        sample("GET /api/shops", "/api/shops");
        sample("GET /api/permissions", "/api/permissions");
        sample("POST /api/me/mfa/totp", "/api/me/mfa/totp").body(Map.of("password", "not-it"));
        sample("POST /api/me/mfa/totp/confirm", "/api/me/mfa/totp/confirm").body(Map.of("code", "000000"));
        sample("POST /api/me/mfa/totp/remove", "/api/me/mfa/totp/remove").body(Map.of("password", "not-it"));
        sample("POST /api/me/password", "/api/me/password")
                .body(Map.of("current_password", "not-it", "new_password", "another-" + Api.PASSWORD));

        sample("GET /api/stations", "/api/stations");
        sample("POST /api/stations", "/api/stations").body(Map.of("name", "Intruder station"));
        sample("GET /api/stations/{id}", "/api/stations/" + station.id());
        sample("GET /api/live/shop-floor", "/api/live/shop-floor?timeout_seconds=1");
        sample("GET /api/live/shop-floor", "/api/live/shop-floor?timeout_seconds=1&station_id=" + station.id())
                .namesOwnersIds(true);
        sample("PATCH /api/stations/{id}", "/api/stations/" + station.id()).body(Map.of("name", "Hijacked"));
        sample("GET /api/employees", "/api/employees");
        sample("POST /api/employees", "/api/employees").body(Map.of("name", "Intruder"));
        sample("GET /api/employees/{id}", "/api/employees/" + employee.id());
        sample("PATCH /api/employees/{id}", "/api/employees/" + employee.id()).body(Map.of("hourly_rate", 1));
        sample("GET /api/locations", "/api/locations");
        sample("POST /api/locations", "/api/locations").body(Map.of("code", "X", "name", "X", "kind", "SITE"));
        sample("GET /api/locations/{id}", "/api/locations/" + location.id());
        sample("PATCH /api/locations/{id}", "/api/locations/" + location.id()).body(Map.of("name", "Moved"));
        sample("GET /api/users", "/api/users");
        sample("POST /api/users", "/api/users").body(newMember(Api.uniqueEmail("x"), role.text("id")));
        sample("GET /api/users/{id}", "/api/users/" + member.userId());
        sample("PATCH /api/users/{id}", "/api/users/" + member.userId())
                .body(Map.of("role_ids", List.of(role.text("id"))));
        sample("POST /api/users/{id}/end-sessions", "/api/users/" + member.userId() + "/end-sessions");
        sample("GET /api/roles", "/api/roles");
        sample("POST /api/roles", "/api/roles").body(Map.of("name", "Sneaky", "permissions", List.of()));
        sample("GET /api/roles/{id}", "/api/roles/" + role.id());
        sample("PATCH /api/roles/{id}", "/api/roles/" + role.id()).body(Map.of("permissions", List.of("audit:read")));
        sample("GET /api/api-keys", "/api/api-keys");
        sample("POST /api/api-keys", "/api/api-keys")
                .body(Map.of("name", "k", "permissions", List.of("stations:read")));
        sample("GET /api/api-keys/{id}", "/api/api-keys/" + key.id());
        sample("GET /api/partnerships", "/api/partnerships");
        sample("POST /api/partnerships", "/api/partnerships").body(Map.of("factory_org_id", invitedFactory.orgId()));
        sample("GET /api/partnerships/{id}", "/api/partnerships/" + partnership.id());
        sample("POST /api/partnerships/{id}/accept", "/api/partnerships/" + pendingPartnership.id() + "/accept")
                .by(pendingFactory);
        sample("GET /api/settings", "/api/settings");
        sample("PATCH /api/settings", "/api/settings").body(Map.of("currency", "EUR"));
        sample("GET /api/settings/numbering-series", "/api/settings/numbering-series");
        sample("POST /api/settings/numbering-series", "/api/settings/numbering-series")
                .body(Map.of("key", "intruder"));
        sample("GET /api/settings/numbering-series/{key}", "/api/settings/numbering-series/matrix");
        sample("PATCH /api/settings/numbering-series/{key}", "/api/settings/numbering-series/matrix")
                .body(Map.of("prefix", "HI-"));
        sample("GET /api/audit", "/api/audit");
        sample("GET /api/audit", "/api/audit?entity_id=" + station.id());
        sample("GET /api/shops/{id}", "/api/shops/" + owner.orgId());
        sample("PATCH /api/shops/{id}", "/api/shops/" + owner.orgId()).body(Map.of("name", "Renamed brand"));
        sample("GET /api/catalog/categories", "/api/catalog/categories");
        sample("POST /api/catalog/categories", "/api/catalog/categories")
                .body(Map.of("code", "IN", "name", "Intruder"));
        sample("GET /api/catalog/categories/{id}", "/api/catalog/categories/" + category.id());
        sample("PATCH /api/catalog/categories/{id}", "/api/catalog/categories/" + category.id())
                .body(Map.of("name", "Moved"));
        sample("GET /api/catalog/parts", "/api/catalog/parts");
        sample("POST /api/catalog/parts", "/api/catalog/parts")
                .body(Map.of("part_number", "IN-1", "name", "Intruder", "kind", "HARDWARE", "unit_of_measure", "ea"));
        sample("GET /api/catalog/parts/{id}", "/api/catalog/parts/" + part.id());
        sample("PATCH /api/catalog/parts/{id}", "/api/catalog/parts/" + part.id())
                .body(Map.of("unit_cost", 2));
        sample("GET /api/catalog/parts/{id}/where-used", "/api/catalog/parts/" + part.id() + "/where-used");
        sample("GET /api/inventory/materials", "/api/inventory/materials/");
        sample("POST /api/inventory/materials", "/api/inventory/materials/")
                .body(Map.of("part_number", "IN-M", "name", "Intruder", "unit_of_measure", "kg"));
        sample("GET /api/products/templates", "/api/products/templates/");
        sample("POST /api/products/templates", "/api/products/templates/")
                .body(Map.of("sku", "IN-P", "name", "Intruder"));
        sample("GET /api/products/templates/{id}", "/api/products/templates/" + product.id());
        sample("PATCH /api/products/templates/{id}", "/api/products/templates/" + product.id())
                .body(Map.of("name", "Renamed"));
        sample("POST /api/products/templates/{id}/boms", "/api/products/templates/" + product.id() + "/boms")
                .body(bomBody);
        sample("GET /api/products/templates/{id}/boms", "/api/products/templates/" + product.id() + "/boms");
        sample(
                "GET /api/products/templates/{id}/where-used",
                "/api/products/templates/" + product.id() + "/where-used");
        sample("GET /api/boms/{id}", "/api/boms/" + bom.id());
        sample("PUT /api/boms/{id}/lines", "/api/boms/" + draft.id() + "/lines").body(bomBody);
        sample("POST /api/boms/{id}/submit", "/api/boms/" + bom.id() + "/submit");
        sample("POST /api/boms/{id}/approve", "/api/boms/" + bom.id() + "/approve");
        sample("POST /api/boms/{id}/activate", "/api/boms/" + bom.id() + "/activate");
        sample("GET /api/products/templates/{id}/bom", "/api/products/templates/" + product.id() + "/bom");
        sample("GET /api/boms/{id}/explosion", "/api/boms/" + bom.id() + "/explosion?quantity=2");
        sample("POST /api/boms/{id}/revise", "/api/boms/" + bom.id() + "/revise");
        sample("GET /api/boms/compare", "/api/boms/compare?from=" + bom.id() + "&to=" + draft.id())
                .namesOwnersIds(true);
        sample("DELETE /api/catalog/parts/{id}", "/api/catalog/parts/" + unusedPart.id());
        sample("POST /api/imports/{kind} text/csv", "/api/imports/parts")
                .as("text/csv", PARTS_CSV)
                .namesOwnersIds(false);
        sample("POST /api/imports/{kind} text/csv", "/api/imports/bom-lines?activate=true")
                .as("text/csv", BOM_LINES_CSV)
                .namesOwnersIds(false);
        sample("GET /api/import-jobs/{id}", "/api/import-jobs/" + importJob.id());
        sample("GET /api/jobs", "/api/jobs");
        sample("GET /api/jobs", "/api/jobs?kind=catalog.products-import&status=COMPLETED");
        sample("GET /api/jobs/{id}", "/api/jobs/" + importJob.id());
        sample("GET /api/jobs/{id}/errors", "/api/jobs/" + importJob.id() + "/errors");
        sample("GET /api/jobs/{id}/errors", "/api/jobs/" + importJob.id() + "/errors?format=csv");
        sample("POST /api/jobs/{id}/cancel", "/api/jobs/" + importJob.id() + "/cancel");
        sample("GET /api/jobs/{id}/result", "/api/jobs/" + exportJob.id() + "/result");
        sample("POST /api/catalog/parts/export-jobs", "/api/catalog/parts/export-jobs")
                .namesOwnersIds(false);
        sample("GET /api/catalog/parts/export", "/api/catalog/parts/export");
        sample("GET /api/products/templates/export", "/api/products/templates/export");
        sample(
                "GET /api/products/templates/{productId}/variants",
                "/api/products/templates/" + product.id() + "/variants");
        sample(
                        "POST /api/products/templates/{productId}/variants",
                        "/api/products/templates/" + product.id() + "/variants")
                .body(Map.of("name", "Intruder variant"));
        sample("GET /api/catalog/variants", "/api/catalog/variants");
        sample("GET /api/catalog/variants", "/api/catalog/variants?code=" + variant.text("code"));
        sample("GET /api/catalog/variants/{id}", "/api/catalog/variants/" + variant.id());
        sample("PATCH /api/catalog/variants/{id}", "/api/catalog/variants/" + variant.id())
                .body(Map.of("price", 5));
        sample(
                "GET /api/catalog/variants/{id}/supplier-variants",
                "/api/catalog/variants/" + variant.id() + "/supplier-variants");
        sample(
                        "POST /api/catalog/variants/{id}/supplier-variants",
                        "/api/catalog/variants/" + unmappedVariant.id() + "/supplier-variants")
                .body(Map.of("factory_org_id", factory.orgId()));
        sample("GET /api/catalog/supplier-variants/{id}", "/api/catalog/supplier-variants/" + supplierVariant.id());
        sample("PATCH /api/catalog/supplier-variants/{id}", "/api/catalog/supplier-variants/" + supplierVariant.id())
                .body(Map.of("lead_time_days", 9));
        sample(
                "DELETE /api/catalog/supplier-variants/{id}",
                "/api/catalog/supplier-variants/" + disposableSupplierVariant.id());
        sample("DELETE /api/catalog/variants/{id}", "/api/catalog/variants/" + disposableVariant.id());
        sample("GET /api/catalog/variants/export", "/api/catalog/variants/export");
        sample("GET /api/catalog/categories/export", "/api/catalog/categories/export");
        sample("GET /api/boms/export", "/api/boms/export");
        sample("DELETE /api/catalog/categories/{id}", "/api/catalog/categories/" + disposableCategory.id());
        sample("DELETE /api/products/templates/{id}", "/api/products/templates/" + disposableProduct.id());
        sample("POST /api/imports/{kind} application/json", "/api/imports/categories")
                .as("application/json", CATEGORIES_JSON)
                .namesOwnersIds(false);
        sample("POST /api/imports/{kind} text/csv", "/api/imports/variants")
                .as("text/csv", VARIANTS_CSV)
                .namesOwnersIds(false);
        sample("GET /api/search", "/api/search?q=matrix");
        sample("GET /api/customers", "/api/customers");
        sample("GET /api/customers", "/api/customers?q=matrix");
        sample("POST /api/customers", "/api/customers").body(Map.of("name", "Intruder customer"));
        sample("GET /api/customers/{id}", "/api/customers/" + customer.id());
        sample("PATCH /api/customers/{id}", "/api/customers/" + customer.id()).body(Map.of("phone", "1"));
        sample("GET /api/customers/{id}/contacts", contacts);
        sample("POST /api/customers/{id}/contacts", contacts).body(Map.of("name", "Intruder contact"));
        sample("GET /api/customers/{id}/contacts/{contactId}", contacts + "/" + contact.id());
        sample("PATCH /api/customers/{id}/contacts/{contactId}", contacts + "/" + contact.id())
                .body(Map.of("role", "Spy"));
        sample("DELETE /api/customers/{id}/contacts/{contactId}", contacts + "/" + disposableContact.id());
        sample("DELETE /api/customers/{id}", "/api/customers/" + disposableCustomer.id());
        sample("GET /api/customers/{id}/interactions", interactions);
        sample("POST /api/customers/{id}/interactions", interactions)
                .body(Map.of("kind", "CALL", "subject", "Intruder call"));
        sample(
                "DELETE /api/customers/{id}/interactions/{interactionId}",
                interactions + "/" + disposableInteraction.id());
        sample("POST /api/customers/import-jobs text/csv", "/api/customers/import-jobs")
                .as("text/csv", "name\nImported customer\n")
                .namesOwnersIds(false);
        sample("POST /api/customers/import-jobs application/json", "/api/customers/import-jobs")
                .as("application/json", "[{\"name\": \"Imported customer\"}]")
                .by(factory)
                .namesOwnersIds(false);
        sample("POST /api/customers/export-jobs", "/api/customers/export-jobs?format=xlsx")
                .by(factory)
                .namesOwnersIds(false);
        sample("GET /api/quotes", "/api/quotes");
        sample("GET /api/quotes", "/api/quotes?status=DRAFT&customer_id=" + customer.id());
        sample("POST /api/quotes", "/api/quotes").body(quoteBody);
        sample("GET /api/quotes/{id}", "/api/quotes/" + draftQuote.id());
        sample("PATCH /api/quotes/{id}", "/api/quotes/" + draftQuote.id()).body(Map.of("notes", "Matrix"));
        sample("GET /api/quotes/{id}/pdf", "/api/quotes/" + draftQuote.id() + "/pdf");
        sample("POST /api/quotes/{id}/lines", quoteLines).body(quoteLine);
        sample(
                        "PATCH /api/quotes/{id}/lines/{lineId}",
                        quoteLines + "/" + quoteLineIds.get(0).path("id").asString())
                .body(Map.of("quantity", 2));
        sample(
                "DELETE /api/quotes/{id}/lines/{lineId}",
                quoteLines + "/" + quoteLineIds.get(1).path("id").asString());
        sample("POST /api/quotes/{id}/send", "/api/quotes/" + sendableQuote.id() + "/send");
        sample("POST /api/quotes/{id}/reject", "/api/quotes/" + sentQuote.id() + "/reject")
                .body(Map.of("reason", "Matrix"));
        sample("DELETE /api/quotes/{id}", "/api/quotes/" + disposableQuote.id());
        var acceptableQuote = created(api.post("/api/quotes").as(owner).body(quoteBody));
        assertThat(api.post("/api/quotes/" + acceptableQuote.id() + "/send")
                        .as(owner)
                        .send()
                        .status())
                .isEqualTo(200);
        sample("POST /api/quotes/{id}/accept", "/api/quotes/" + acceptableQuote.id() + "/accept");
        var factoryCustomer = created(api.post("/api/customers").as(factory).body(Map.of("name", "Matrix buyer")));
        UUID moved = placeOrder(factory, factoryCustomer.id(), null);
        UUID cancelled = placeOrder(factory, factoryCustomer.id(), null);
        UUID acceptedOrder = placeOrder(owner, null, factory.orgId());
        UUID rejectedOrder = placeOrder(owner, null, factory.orgId());
        sample("POST /api/orders/{id}/transition", "/api/orders/" + moved + "/transition")
                .by(factory)
                .body(Map.of("to_phase", "CONFIGURATION"));
        sample("POST /api/orders/{id}/cancel", "/api/orders/" + cancelled + "/cancel")
                .by(factory)
                .body(Map.of("reason", "matrix"));
        sample("POST /api/orders/{id}/accept", "/api/orders/" + acceptedOrder + "/accept")
                .by(factory);
        sample("POST /api/orders/{id}/reject", "/api/orders/" + rejectedOrder + "/reject")
                .by(factory)
                .body(Map.of("reason", "matrix"));
        sample("GET /api/orders/{id}/history", "/api/orders/" + moved + "/history")
                .by(factory);
        sample("GET /api/orders/{id}/targets", "/api/orders/" + moved + "/targets")
                .by(factory);
        sample("GET /api/orders/phase-rules", "/api/orders/phase-rules");
        sample("PUT /api/orders/phase-rules", "/api/orders/phase-rules").body(Map.of("rules", List.of()));
        sample("GET /api/orders", "/api/orders");
        sample("GET /api/orders", "/api/orders?q=matrix&phase=DRAFT");
        sample("POST /api/orders", "/api/orders").body(orderBody);
        sample("GET /api/orders/{id}", "/api/orders/" + order.id());
        sample("PATCH /api/orders/{id}", "/api/orders/" + order.id()).body(Map.of("priority", "LOW"));
        sample("GET /api/orders/{id}/lines", orderLines);
        sample("POST /api/orders/{id}/lines", orderLines).body(orderLine);
        sample("GET /api/orders/{id}/lines/{lineId}", firstLine);
        sample("PATCH /api/orders/{id}/lines/{lineId}", firstLine).body(Map.of("quantity", 2));
        sample("DELETE /api/orders/{id}/lines/{lineId}", secondLine);
        sample("DELETE /api/orders/{id}", "/api/orders/" + disposableOrder.id());
        defineTaskSamples();
        workflowSamples();
        sample("POST /api/api-keys/{id}/revoke", "/api/api-keys/" + key.id() + "/revoke");
        sample("POST /api/partnerships/{id}/end", "/api/partnerships/" + partnership.id() + "/end");
        sample("DELETE /api/stations/{id}", "/api/stations/" + station.id());
        sample("DELETE /api/employees/{id}", "/api/employees/" + employee.id());
        sample("DELETE /api/locations/{id}", "/api/locations/" + location.id());
        sample("DELETE /api/roles/{id}", "/api/roles/" + disposableRole.id());
        sample("DELETE /api/invitations/{id}", "/api/invitations/" + invitation.id());
        defineProjectSamples();
        defineProductionSamples();
        defineDocumentSamples();
        defineLabelSamples();
        defineStockSamples();
        defineInventorySamples();
        defineReservationSamples();
        defineEquipmentSamples();
        definePurchasingSamples();
        defineConfiguratorRuleSamples();
        defineConfigurationSamples();
    }

    /** A configuration of a product with no options (valid with no values), its revisions and generated BOMs. */
    private void defineConfigurationSamples() {
        var product = created(
                api.post("/api/products/templates").as(owner).body(Map.of("sku", "MX-CFG", "name", "Configured")));
        var configuration = created(
                api.post("/api/configurations").as(owner).body(Map.of("product_id", product.id(), "values", Map.of())));
        ownersIds.add(configuration.id().toString());
        String path = "/api/configurations/" + configuration.id();

        sample("POST /api/configurations", "/api/configurations")
                .body(Map.of("product_id", product.id(), "values", Map.of()))
                .namesOwnersIds(true);
        sample("GET /api/configurations", "/api/configurations");
        sample("GET /api/configurations", "/api/configurations?product_id=" + product.id());
        sample("GET /api/configurations/{id}", path);
        sample("PATCH /api/configurations/{id}", path).body(Map.of("values", Map.of()));
        sample("GET /api/configurations/{id}/revisions", path + "/revisions");
        sample("POST /api/configurations/{id}/generate-bom", path + "/generate-bom");
        sample("GET /api/configurations/{id}/boms", path + "/boms");
    }

    /** Cycle counts of an empty location (one to record, one to post, one to cancel) and the XLSX exports. */
    private void defineStockSamples() {
        var bin = created(api.post("/api/locations")
                .as(owner)
                .body(Map.of("code", "MX-BIN", "name", "Matrix bin", "kind", "SITE")));
        var part = created(api.post("/api/catalog/parts")
                .as(owner)
                .body(Map.of(
                        "part_number", "MX-STOCK", "name", "Stock part", "kind", "MATERIAL", "unit_of_measure", "m")));
        ownersIds.add(bin.id().toString());
        ownersIds.add(part.id().toString());
        List<String> counts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            var count = created(api.post("/api/inventory/counts").as(owner).body(Map.of("location_id", bin.id())));
            counts.add("/api/inventory/counts/" + count.id());
            ownersIds.add(count.id().toString());
        }
        sample("POST /api/inventory/counts", "/api/inventory/counts")
                .body(Map.of("location_id", bin.id(), "reason", "Matrix"))
                .namesOwnersIds(true);
        sample("GET /api/inventory/counts", "/api/inventory/counts");
        sample("GET /api/inventory/counts", "/api/inventory/counts?status=open&location_id=" + bin.id());
        sample("GET /api/inventory/counts/{id}", counts.get(0));
        sample("PUT /api/inventory/counts/{id}/lines", counts.get(0) + "/lines")
                .body(Map.of("lines", List.of(Map.of("part_id", part.id(), "counted", 1))));
        sample("POST /api/inventory/counts/{id}/post", counts.get(1) + "/post");
        sample("POST /api/inventory/counts/{id}/cancel", counts.get(2) + "/cancel");
        sample("GET /api/inventory/export/stock.xlsx", "/api/inventory/export/stock.xlsx");
        sample("GET /api/inventory/export/movements.xlsx", "/api/inventory/export/movements.xlsx?part_id=" + part.id())
                .namesOwnersIds(true);
    }

    /** A started project's reservations of its BOM's part, and a lot's forward trace to units. */
    private void defineReservationSamples() {
        var station = created(api.post("/api/stations").as(owner).body(Map.of("name", "Stock station")));
        var workflow = created(api.post("/api/workflows")
                .as(owner)
                .body(Map.of(
                        "name",
                        "Stock workflow",
                        "stages",
                        List.of(Map.of("name", "Only", "station_id", station.id(), "expected_minutes", 5)))));
        var customer = created(api.post("/api/customers").as(owner).body(Map.of("name", "Stock customer")));
        var part = created(api.post("/api/catalog/parts")
                .as(owner)
                .body(Map.of(
                        "part_number",
                        "MX-RES",
                        "name",
                        "Reserved part",
                        "kind",
                        "COMPONENT",
                        "unit_of_measure",
                        "ea")));
        var product = created(api.post("/api/products/templates")
                .as(owner)
                .body(Map.of("sku", "MX-RP", "name", "Reserving product")));
        var bom = created(api.post("/api/products/templates/" + product.id() + "/boms")
                .as(owner)
                .body(Map.of(
                        "lines", List.of(Map.of("component_type", "PART", "component_id", part.id(), "quantity", 1)))));
        assertThat(api.post("/api/boms/" + bom.id() + "/activate")
                        .as(owner)
                        .send()
                        .status())
                .isEqualTo(200);
        var site = created(api.post("/api/locations")
                .as(owner)
                .body(Map.of("code", "MX-STOCK", "name", "Stock site", "kind", "SITE")));
        var transactions = context.getBean(org.springframework.transaction.support.TransactionTemplate.class);
        var ledger = context.getBean(io.traveler.inventory.internal.Ledger.class);
        UUID lot = io.traveler.shared.tenancy.TenantContext.callAs(
                io.traveler.shared.tenancy.Tenant.user(owner.orgId(), owner.userId()),
                () -> transactions.execute(tx -> ledger.receive(new io.traveler.inventory.internal.Ledger.Receipt(
                                part.id(),
                                site.id(),
                                java.math.BigDecimal.TEN,
                                "MX-LOT",
                                java.math.BigDecimal.ONE,
                                null,
                                null,
                                null))
                        .lotId()));
        String project = "/api/projects/"
                + created(api.post("/api/projects")
                                .as(owner)
                                .body(Map.of(
                                        "name",
                                        "Reserving project",
                                        "customer_id",
                                        customer.id(),
                                        "workflow_id",
                                        workflow.id(),
                                        "product_id",
                                        product.id(),
                                        "quantity",
                                        2)))
                        .id();
        assertThat(api.post(project + "/start").as(owner).send().status()).isEqualTo(200);
        ownersIds.add(lot.toString());
        String unit = "/api/units/"
                + api.get(project + "/units")
                        .as(owner)
                        .send()
                        .json()
                        .path("items")
                        .get(0)
                        .path("id")
                        .asString();

        sample("GET /api/projects/{id}/reservations", project + "/reservations");
        sample("POST /api/projects/{id}/reservations/refresh", project + "/reservations/refresh");
        sample("POST /api/projects/{id}/reservations/release", project + "/reservations/release");
        sample("GET /api/units/{id}/lots", unit + "/lots");
        sample("GET /api/lots/{id}/units", "/api/lots/" + lot + "/units");
    }

    /** Equipment with a plan and maintenance done, a disposable piece and plan, a product that needs equipment. */
    private void defineEquipmentSamples() {
        var machine = created(api.post("/api/equipment")
                .as(owner)
                .body(Map.of("code", "MX-EQ-1", "name", "Matrix machine", "kind", "MACHINE")));
        var disposable = created(api.post("/api/equipment")
                .as(owner)
                .body(Map.of("code", "MX-EQ-0", "name", "Disposable", "kind", "TOOL")));
        String path = "/api/equipment/" + machine.id();
        var plan = created(api.post(path + "/plans").as(owner).body(Map.of("name", "Oil", "interval_days", 7)));
        var disposablePlan =
                created(api.post(path + "/plans").as(owner).body(Map.of("name", "Spare", "interval_hours", 100)));
        var product = created(api.post("/api/products/templates")
                .as(owner)
                .body(Map.of("sku", "MX-EQ-P", "name", "Needs a machine")));

        sample("GET /api/equipment", "/api/equipment?q=matrix&kind=MACHINE");
        sample("POST /api/equipment", "/api/equipment")
                .body(Map.of("code", "MX-EQ-2", "name", "Another", "kind", "FIXTURE"));
        sample("GET /api/equipment/{id}", path);
        sample("PATCH /api/equipment/{id}", path).body(Map.of("notes", "Checked"));
        sample("POST /api/equipment/{id}/status", path + "/status").body(Map.of("status", "IN_USE"));
        sample("POST /api/equipment/{id}/usage", path + "/usage").body(Map.of("hours", 2));
        sample("GET /api/equipment/{id}/plans", path + "/plans");
        sample("POST /api/equipment/{id}/plans", path + "/plans").body(Map.of("name", "Clean", "interval_days", 30));
        sample("GET /api/equipment/{id}/plans/{planId}", path + "/plans/" + plan.id());
        sample("PATCH /api/equipment/{id}/plans/{planId}", path + "/plans/" + plan.id())
                .body(Map.of("interval_days", 14));
        sample("GET /api/equipment/{id}/maintenance", path + "/maintenance");
        sample("POST /api/equipment/{id}/maintenance", path + "/maintenance")
                .body(Map.of("plan_id", plan.id(), "notes", "Oiled"));
        sample("GET /api/equipment/maintenance/due", "/api/equipment/maintenance/due?within_days=30");
        sample("GET /api/products/{id}/equipment", "/api/products/" + product.id() + "/equipment");
        sample("PUT /api/products/{id}/equipment", "/api/products/" + product.id() + "/equipment")
                .body(Map.of("items", List.of(Map.of("equipment_id", machine.id(), "quantity", 1))));
        sample("DELETE /api/equipment/{id}/plans/{planId}", path + "/plans/" + disposablePlan.id());
        sample("DELETE /api/equipment/{id}", "/api/equipment/" + disposable.id());
    }

    /** A configurable product's options and rules (one of each to delete), a category's rule, the test console. */
    private void defineConfiguratorRuleSamples() {
        var category = created(
                api.post("/api/catalog/categories").as(owner).body(Map.of("code", "MX-CFG", "name", "Configurable")));
        var product = created(api.post("/api/products/templates")
                .as(owner)
                .body(Map.of("sku", "MX-CFG-P", "name", "Configurable product", "category_id", category.id())));
        String options = "/api/products/templates/" + product.id() + "/options";
        var option = created(api.post(options)
                .as(owner)
                .body(Map.of("code", "length", "label", "Length", "type", "NUMBER", "min", 24, "max", 120)));
        var disposableOption =
                created(api.post(options).as(owner).body(Map.of("code", "spare", "label", "Spare", "type", "BOOLEAN")));
        Map<String, Object> ruleBody = Map.of(
                "product_id",
                product.id(),
                "name",
                "Long tops cost more",
                "type",
                "PRICING",
                "condition",
                "values.length > 100",
                "actions",
                List.of(Map.of("price_add", "values.length * 2")));
        var rule = created(api.post("/api/configurator/rules").as(owner).body(ruleBody));
        var disposableRule =
                created(api.post("/api/configurator/rules").as(owner).body(ruleBody));
        ownersIds.add(rule.id().toString());
        ownersIds.add(option.id().toString());

        sample("GET /api/products/templates/{id}/options", options);
        sample("POST /api/products/templates/{id}/options", options)
                .body(Map.of("code", "lights", "label", "Lights", "type", "BOOLEAN", "default", false));
        sample("GET /api/configurator/options/{id}", "/api/configurator/options/" + option.id());
        sample("PATCH /api/configurator/options/{id}", "/api/configurator/options/" + option.id())
                .body(Map.of("help", "Measured along the wall"));
        sample("GET /api/configurator/rules", "/api/configurator/rules?product_id=" + product.id())
                .namesOwnersIds(true);
        sample("GET /api/configurator/rules", "/api/configurator/rules?category_id=" + category.id())
                .namesOwnersIds(true);
        sample("POST /api/configurator/rules", "/api/configurator/rules")
                .body(Map.of(
                        "category_id",
                        category.id(),
                        "name",
                        "Category rule",
                        "type",
                        "VALIDATION",
                        "condition",
                        "has(values.length) && values.length > 110",
                        "actions",
                        List.of(Map.of("error", "Too long for the category"))))
                .namesOwnersIds(true);
        sample("GET /api/configurator/rules/{id}", "/api/configurator/rules/" + rule.id());
        sample("PATCH /api/configurator/rules/{id}", "/api/configurator/rules/" + rule.id())
                .body(Map.of("priority", 5));
        sample("POST /api/configurator/console", "/api/configurator/console")
                .body(Map.of("product_id", product.id(), "values", Map.of("length", 110)))
                .namesOwnersIds(true);
        sample("DELETE /api/configurator/rules/{id}", "/api/configurator/rules/" + disposableRule.id());
        sample("DELETE /api/configurator/options/{id}", "/api/configurator/options/" + disposableOption.id());
    }

    /** Suppliers, what they sell, purchase orders to them (each transition on an order of its own), reorder. */
    private void definePurchasingSamples() {
        var store = created(
                api.post("/api/locations").as(owner).body(Map.of("code", "PO-S", "name", "Store", "kind", "SITE")));
        var part = created(api.post("/api/catalog/parts")
                .as(owner)
                .body(Map.of(
                        "part_number", "MX-PO", "name", "Bought part", "kind", "MATERIAL", "unit_of_measure", "m")));
        var other = created(api.post("/api/catalog/parts")
                .as(owner)
                .body(Map.of(
                        "part_number", "MX-PO2", "name", "Other part", "kind", "MATERIAL", "unit_of_measure", "m")));
        String supplier = "/api/inventory/suppliers/"
                + created(api.post("/api/inventory/suppliers")
                                .as(owner)
                                .body(Map.of("code", "MX-SUP", "name", "Matrix supplier")))
                        .id();
        var sold = created(api.post(supplier + "/parts")
                .as(owner)
                .body(Map.of("part_id", part.id(), "unit_price", 2, "preferred", true)));
        var disposableSupplier = created(
                api.post("/api/inventory/suppliers").as(owner).body(Map.of("code", "MX-DEL", "name", "Disposable")));
        var disposableEntry = created(api.post("/api/inventory/suppliers/" + disposableSupplier.id() + "/parts")
                .as(owner)
                .body(Map.of("part_id", other.id(), "unit_price", 1)));
        Map<String, Object> order = Map.of(
                "supplier_id",
                supplier.substring(supplier.lastIndexOf('/') + 1),
                "lines",
                List.of(Map.of("part_id", part.id(), "quantity", 5)));
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            orders.add("/api/inventory/purchase-orders/"
                    + created(api.post("/api/inventory/purchase-orders")
                                    .as(owner)
                                    .body(order))
                            .id());
        }
        assertThat(api.post(orders.get(1) + "/send").as(owner).send().status()).isEqualTo(200);
        String line = api.get(orders.get(1))
                .as(owner)
                .send()
                .json()
                .path("lines")
                .get(0)
                .path("id")
                .asString();

        sample("GET /api/inventory/suppliers", "/api/inventory/suppliers");
        sample("GET /api/inventory/suppliers", "/api/inventory/suppliers?q=matrix&active=true");
        sample("POST /api/inventory/suppliers", "/api/inventory/suppliers")
                .body(Map.of("code", "MX-NEW", "name", "New supplier", "currency", "USD"));
        sample("GET /api/inventory/suppliers/{id}", supplier);
        sample("PATCH /api/inventory/suppliers/{id}", supplier).body(Map.of("notes", "Matrix"));
        sample("GET /api/inventory/suppliers/{id}/parts", supplier + "/parts");
        sample("POST /api/inventory/suppliers/{id}/parts", supplier + "/parts")
                .body(Map.of("part_id", other.id(), "unit_price", 3));
        sample("PATCH /api/inventory/supplier-parts/{id}", "/api/inventory/supplier-parts/" + sold.id())
                .body(Map.of("lead_time_days", 4));
        sample("GET /api/inventory/purchase-orders", "/api/inventory/purchase-orders");
        sample("GET /api/inventory/purchase-orders", "/api/inventory/purchase-orders?status=SENT&open=true");
        sample("POST /api/inventory/purchase-orders", "/api/inventory/purchase-orders")
                .body(order);
        sample("GET /api/inventory/purchase-orders/{id}", orders.get(0));
        sample("PATCH /api/inventory/purchase-orders/{id}", orders.get(0)).body(Map.of("notes", "Matrix"));
        sample("POST /api/inventory/purchase-orders/{id}/send", orders.get(0) + "/send");
        sample("POST /api/inventory/purchase-orders/{id}/receipts", orders.get(1) + "/receipts")
                .body(Map.of("location_id", store.id(), "lines", List.of(Map.of("line_id", line, "quantity", 1))));
        sample("GET /api/inventory/purchase-orders/{id}/receipts", orders.get(1) + "/receipts");
        sample("GET /api/inventory/purchase-orders/{id}/pdf", orders.get(1) + "/pdf");
        sample("POST /api/inventory/purchase-orders/{id}/cancel", orders.get(2) + "/cancel");
        sample("GET /api/inventory/parts/{id}/reorder", "/api/inventory/parts/" + part.id() + "/reorder");
        sample("PUT /api/inventory/parts/{id}/reorder", "/api/inventory/parts/" + part.id() + "/reorder")
                .body(Map.of("reorder_point", 10, "reorder_quantity", 5));
        sample("GET /api/inventory/reorder", "/api/inventory/reorder");
        sample("POST /api/inventory/reorder/purchase-orders", "/api/inventory/reorder/purchase-orders")
                .body(Map.of("part_ids", List.of(part.id())));
        sample("DELETE /api/inventory/purchase-orders/{id}", orders.get(3));
        sample("DELETE /api/inventory/supplier-parts/{id}", "/api/inventory/supplier-parts/" + disposableEntry.id());
        sample("DELETE /api/inventory/suppliers/{id}", "/api/inventory/suppliers/" + disposableSupplier.id());
    }

    /** Labels of a started project's units (made at its start), read with the owner's unit ids. */
    private void defineLabelSamples() {
        var station = created(api.post("/api/stations").as(owner).body(Map.of("name", "Labels station")));
        var workflow = created(api.post("/api/workflows")
                .as(owner)
                .body(Map.of(
                        "name",
                        "Labels workflow",
                        "stages",
                        List.of(Map.of("name", "Only", "station_id", station.id(), "expected_minutes", 5)))));
        var customer = created(api.post("/api/customers").as(owner).body(Map.of("name", "Labels customer")));
        var project = created(api.post("/api/projects")
                .as(owner)
                .body(Map.of(
                        "name",
                        "Labels project",
                        "customer_id",
                        customer.id(),
                        "workflow_id",
                        workflow.id(),
                        "quantity",
                        2)));
        assertThat(api.post("/api/projects/" + project.id() + "/start")
                        .as(owner)
                        .send()
                        .status())
                .isEqualTo(200);
        var transactions = context.getBean(org.springframework.transaction.support.TransactionTemplate.class);
        var jdbc = context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
        UUID unit = io.traveler.shared.tenancy.TenantContext.callAs(
                io.traveler.shared.tenancy.Tenant.user(owner.orgId(), owner.userId()),
                () -> transactions.execute(tx -> jdbc.sql(
                                "select id from production.units where project_id = :p order by position limit 1")
                        .param("p", project.id())
                        .query(UUID.class)
                        .single()));
        ownersIds.add(unit.toString());
        sample("GET /api/units/{id}/label.png", "/api/units/" + unit + "/label.png");
        sample("GET /api/units/{id}/label.svg", "/api/units/" + unit + "/label.svg");
        sample("GET /api/units/{id}/label.zpl", "/api/units/" + unit + "/label.zpl");
        sample("GET /api/projects/{id}/labels.pdf", "/api/projects/" + project.id() + "/labels.pdf");
        sample(
                "GET /api/projects/{id}/labels.pdf",
                "/api/projects/" + project.id() + "/labels.pdf?layout=4x6&units=" + unit);
    }

    private static final String BOUNDARY = "matrix-boundary-7c1f";

    /** A multipart upload of a small text file (allowed), with form fields. */
    private static String multipart(String fileText, String... fields) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < fields.length; i += 2) {
            body.append("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + fields[i] + "\"\r\n\r\n")
                    .append(fields[i + 1])
                    .append("\r\n");
        }
        return body.append("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"m.txt\"\r\n"
                        + "Content-Type: text/plain\r\n\r\n")
                .append(fileText)
                .append("\r\n--" + BOUNDARY + "--\r\n")
                .toString();
    }

    /** Documents: one to read and version, one to delete (last). */
    private void defineDocumentSamples() {
        String type = "multipart/form-data; boundary=" + BOUNDARY;
        var document = created(api.post("/api/documents")
                .as(owner)
                .header("Content-Type", type)
                .body(multipart("Matrix instructions\n", "name", "Matrix", "type", "WORK_INSTRUCTION")));
        var disposable = created(api.post("/api/documents")
                .as(owner)
                .header("Content-Type", type)
                .body(multipart("Disposable\n", "tags", "matrix")));
        String path = "/api/documents/" + document.id();
        sample("POST /api/documents multipart/form-data", "/api/documents")
                .as(type, multipart("Another\n", "type", "OTHER", "tags", "matrix"));
        sample("GET /api/documents", "/api/documents");
        sample("GET /api/documents", "/api/documents?tag=matrix&type=other");
        sample("GET /api/documents/{id}", path);
        sample("GET /api/documents/{id}/versions", path + "/versions");
        sample("GET /api/documents/{id}/content", path + "/content");
        sample("POST /api/documents/{id}/versions multipart/form-data", path + "/versions")
                .as(type, multipart("Matrix instructions, revised\n"));
        sample("DELETE /api/documents/{id}", "/api/documents/" + disposable.id());
    }

    /** The shop floor: a started project's units scanned, split, added to; a defect decided. */
    private void defineProductionSamples() {
        var station = created(api.post("/api/stations").as(owner).body(Map.of("name", "Floor station " + OWNERS_MARK)));
        var workflow = created(api.post("/api/workflows")
                .as(owner)
                .body(Map.of(
                        "name",
                        "Floor workflow " + OWNERS_MARK,
                        "stages",
                        List.of(Map.of("name", "Floor", "station_id", station.id(), "expected_minutes", 5)))));
        var customer =
                created(api.post("/api/customers").as(owner).body(Map.of("name", "Floor customer " + OWNERS_MARK)));
        String project = "/api/projects/"
                + created(api.post("/api/projects")
                                .as(owner)
                                .body(Map.of(
                                        "name",
                                        "Floor project " + OWNERS_MARK,
                                        "customer_id",
                                        customer.id(),
                                        "workflow_id",
                                        workflow.id(),
                                        "quantity",
                                        4)))
                        .id();
        assertThat(api.post(project + "/start").as(owner).send().status()).isEqualTo(200);
        var units = api.get(project + "/units").as(owner).send().json().path("items");
        List<String> serials = new ArrayList<>();
        units.forEach(unit -> {
            ownersIds.add(unit.path("id").asString());
            serials.add(unit.path("serial").asString());
        });
        String unit = "/api/units/" + units.get(0).path("id").asString();
        var lot = api.post(project + "/units")
                .as(owner)
                .body(Map.of("count", 1, "quantity", 5))
                .send();
        assertThat(lot.status()).as("a lot of five %s", lot).isEqualTo(201);
        String lotPath =
                "/api/units/" + lot.json().path("items").get(0).path("id").asString();
        var reported = api.post("/api/scan")
                .as(owner)
                .body(Map.of(
                        "code",
                        serials.get(3),
                        "station_id",
                        station.id(),
                        "action",
                        "report_defect",
                        "defect",
                        Map.of("code", "SCRATCH", "severity", "minor")))
                .send();
        assertThat(reported.status()).as("defect %s", reported).isEqualTo(200);
        var defects = api.get("/api/defects?project_id=" + project.substring("/api/projects/".length()))
                .as(owner)
                .send()
                .json()
                .path("items");
        String defect = "/api/defects/" + defects.get(0).path("id").asString();
        ownersIds.add(defects.get(0).path("id").asString());

        sample("GET /api/projects/{id}/units", project + "/units");
        sample("POST /api/projects/{id}/units", project + "/units").body(Map.of("count", 2));
        sample("GET /api/units/{id}", unit);
        sample("GET /api/units/{id}/events", unit + "/events");
        sample("POST /api/units/{id}/photos multipart/form-data", unit + "/photos")
                .as("multipart/form-data; boundary=" + BOUNDARY, multipart("A photo of the floor\n"));
        sample("POST /api/units/{id}/split", lotPath + "/split").body(Map.of("quantities", List.of(2)));
        sample("POST /api/scan", "/api/scan")
                .body(Map.of("code", serials.get(0), "station_id", station.id(), "action", "start"))
                .namesOwnersIds(true);
        sample("POST /api/scan/batch", "/api/scan/batch")
                .body(Map.of(
                        "device_id",
                        "matrix-phone",
                        "steps",
                        List.of(Map.of(
                                "step_id",
                                "1",
                                "code",
                                serials.get(1),
                                "station_id",
                                station.id(),
                                "action",
                                "start",
                                "at",
                                java.time.Instant.now().toString()))));
        sample("GET /api/stations/{id}/queue", "/api/stations/" + station.id() + "/queue");
        sample("GET /api/scan-sessions", "/api/scan-sessions");
        sample("GET /api/scan-sessions", "/api/scan-sessions?station_id=" + station.id());
        sample("GET /api/defects", "/api/defects");
        sample("GET /api/defects", "/api/defects?open=true&code=SCRATCH");
        sample("GET /api/defects/{id}", defect);
        sample("POST /api/defects/{id}/disposition", defect + "/disposition").body(Map.of("disposition", "use_as_is"));
        sample("GET /api/projects/{id}/quality", project + "/quality");
    }

    /** Projects of their own workflow and station (the station samples above delete theirs). */
    private void defineProjectSamples() {
        var station = created(api.post("/api/stations").as(owner).body(Map.of("name", "Projects station")));
        var workflow = created(api.post("/api/workflows")
                .as(owner)
                .body(Map.of(
                        "name",
                        "Matrix workflow",
                        "stages",
                        List.of(
                                Map.of(
                                        "name",
                                        "First",
                                        "station_id",
                                        station.id(),
                                        "expected_minutes",
                                        10,
                                        "actions",
                                        List.of(Map.of("kind", "scan", "label", "Scan", "required", false))),
                                Map.of("name", "Second", "station_id", station.id(), "expected_minutes", 10)))));
        var stage = workflow.json().path("stages").get(0);
        String action = stage.path("actions").get(0).path("id").asString();
        var customer = created(api.post("/api/customers").as(owner).body(Map.of("name", "Projects customer")));
        var product = created(api.post("/api/products/templates")
                .as(owner)
                .body(Map.of("sku", "MX-PRJ", "name", "Projects product", "base_price", 10)));
        var order = created(api.post("/api/orders")
                .as(owner)
                .body(Map.of(
                        "customer_id",
                        customer.id(),
                        "lines",
                        List.of(Map.of("product_id", product.id(), "quantity", 1)))));
        Map<String, Object> projectBody = Map.of(
                "name", "Matrix project", "customer_id", customer.id(), "workflow_id", workflow.id(), "quantity", 1);
        java.util.function.Supplier<String> draft = () -> "/api/projects/"
                + created(api.post("/api/projects").as(owner).body(projectBody)).id();
        java.util.function.Supplier<String> active = () -> {
            String path = draft.get();
            assertThat(api.post(path + "/start").as(owner).send().status()).isEqualTo(200);
            return path;
        };
        String running = active.get();
        String held = active.get();
        assertThat(api.post(held + "/hold").as(owner).send().status()).isEqualTo(200);
        String runningStage = api.get(running)
                .as(owner)
                .send()
                .json()
                .path("stages")
                .get(0)
                .path("id")
                .asString();
        var doc = created(api.post(running + "/design-docs")
                .as(owner)
                .body(Map.of("file_key", "matrix/doc.pdf", "file_name", "doc.pdf")));

        sample("GET /api/projects", "/api/projects");
        sample("GET /api/projects", "/api/projects?status=active&q=matrix");
        sample("POST /api/projects", "/api/projects").body(projectBody);
        sample("POST /api/projects/from-order", "/api/projects/from-order")
                .body(Map.of("order_id", order.id(), "workflow_id", workflow.id()));
        sample("GET /api/projects/{id}", running);
        sample("PATCH /api/projects/{id}", running).body(Map.of("notes", "Matrix"));
        sample("DELETE /api/projects/{id}", draft.get());
        sample("POST /api/projects/{id}/start", draft.get() + "/start");
        sample("POST /api/projects/{id}/move_stage", active.get() + "/move_stage");
        sample("POST /api/projects/{id}/hold", active.get() + "/hold");
        sample("POST /api/projects/{id}/resume", held + "/resume");
        sample("POST /api/projects/{id}/cancel", active.get() + "/cancel");
        sample("GET /api/projects/{id}/moves", running + "/moves");
        sample(
                        "POST /api/projects/{id}/stages/{stageId}/actions/{actionId}",
                        running + "/stages/" + runningStage + "/actions/" + action)
                .body(Map.of("value", "done"));
        sample("GET /api/projects/{id}/action-records", running + "/action-records");
        sample("GET /api/projects/{id}/tasks", running + "/tasks");
        sample("POST /api/projects/{id}/tasks", running + "/tasks").body(Map.of("title", "Matrix task"));
        sample("GET /api/projects/{id}/time", running + "/time");
        sample("GET /api/projects/{id}/design-docs", running + "/design-docs");
        sample("POST /api/projects/{id}/design-docs", running + "/design-docs")
                .body(Map.of("file_key", "matrix/other.pdf", "file_name", "other.pdf"));
        sample("POST /api/projects/{id}/promote-to-template", running + "/promote-to-template")
                .body(Map.of("sku", "MX-PROMOTED", "design_doc_ids", List.of(doc.id())));
        sample(
                "GET /api/products/templates/{id}/design-docs",
                "/api/products/templates/" + product.id() + "/design-docs");
    }
    /**
     * Tasks and time. Tasks belong to projects, which add them through the {@code Tasks} facade (the project is an
     * opaque id here); one task per action, and a station and employees of their own, since the destructive samples
     * delete the shared ones.
     */
    private void defineTaskSamples() {
        var bench = created(api.post("/api/stations").as(owner).body(Map.of("name", "Matrix bench")));
        var worker =
                created(api.post("/api/employees").as(owner).body(Map.of("name", "Matrix worker", "hourly_rate", 20)));
        var timed = created(api.post("/api/employees").as(owner).body(Map.of("name", "Matrix timed")));
        var tasks = context.getBean(io.traveler.tasks.Tasks.class);
        var tenant = io.traveler.shared.tenancy.Tenant.user(owner.orgId(), owner.userId());
        UUID project = UUID.randomUUID();
        java.util.function.BiFunction<String, List<String>, io.traveler.tasks.Tasks.TaskView> task =
                (title, checklist) -> io.traveler.shared.tenancy.TenantContext.callAs(
                        tenant,
                        () -> tasks.create(
                                project,
                                new io.traveler.tasks.Tasks.NewTask(
                                        null,
                                        null,
                                        title,
                                        null,
                                        null,
                                        null,
                                        bench.id(),
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        List.of(),
                                        checklist)));
        var planned = task.apply("Matrix planned", List.of("Matrix item"));
        var prerequisite = task.apply("Matrix prerequisite", List.of());
        var startable = task.apply("Matrix start", List.of());
        var completable = task.apply("Matrix complete", List.of());
        var blockable = task.apply("Matrix block", List.of());
        var reopenable = task.apply("Matrix reopen", List.of());
        var timing = task.apply("Matrix timer", List.of());
        var running = task.apply("Matrix running", List.of());
        var disposable = task.apply("Matrix disposable", List.of());
        assertThat(api.post("/api/tasks/" + reopenable.id() + "/complete")
                        .as(owner)
                        .send()
                        .status())
                .isEqualTo(200);
        assertThat(api.post("/api/tasks/" + running.id() + "/timer/start")
                        .as(owner)
                        .body(Map.of("employee_id", timed.id()))
                        .send()
                        .status())
                .isEqualTo(201);
        String planPath = "/api/tasks/" + planned.id();
        sample("GET /api/tasks", "/api/tasks");
        sample("GET /api/tasks", "/api/tasks?project_id=" + project + "&status=todo");
        sample("GET /api/tasks/{id}", planPath);
        sample("PATCH /api/tasks/{id}", planPath).body(Map.of("title", "Matrix planned again"));
        sample("PUT /api/tasks/{id}/dependencies", planPath + "/dependencies")
                .body(Map.of("depends_on", List.of(prerequisite.id())));
        sample(
                        "POST /api/tasks/{id}/checklist/{itemId}",
                        planPath + "/checklist/"
                                + planned.checklist().getFirst().id())
                .body(Map.of("done", true));
        sample("GET /api/tasks/{id}/comments", planPath + "/comments");
        sample("POST /api/tasks/{id}/comments", planPath + "/comments").body(Map.of("body", "Matrix comment"));
        sample("POST /api/tasks/{id}/log_time", planPath + "/log_time")
                .body(Map.of("employee_id", worker.id(), "minutes", 30));
        sample("POST /api/tasks/{id}/start", "/api/tasks/" + startable.id() + "/start");
        sample("POST /api/tasks/{id}/complete", "/api/tasks/" + completable.id() + "/complete");
        sample("POST /api/tasks/{id}/block", "/api/tasks/" + blockable.id() + "/block")
                .body(Map.of("reason", "Matrix"));
        sample("POST /api/tasks/{id}/reopen", "/api/tasks/" + reopenable.id() + "/reopen");
        sample("POST /api/tasks/{id}/timer/start", "/api/tasks/" + timing.id() + "/timer/start")
                .body(Map.of("employee_id", worker.id()));
        sample("GET /api/timers", "/api/timers");
        sample("POST /api/timers/{employeeId}/stop", "/api/timers/" + timed.id() + "/stop");
        sample("GET /api/time-logs", "/api/time-logs?project_id=" + project);
        sample("GET /api/time/totals", "/api/time/totals?group_by=employee");
        sample("DELETE /api/tasks/{id}", "/api/tasks/" + disposable.id());
    }

    /** Workflows and station task templates, on a station of their own (the matrix deletes its other station). */
    private void workflowSamples() {
        var station = created(api.post("/api/stations").as(owner).body(Map.of("name", "Matrix workflow station")));
        var product = created(
                api.post("/api/products/templates").as(owner).body(Map.of("sku", "MX-WF", "name", "Matrix made")));
        Map<String, Object> body = Map.of(
                "name",
                "Matrix workflow",
                "stages",
                List.of(Map.of("name", "Only", "station_id", station.id(), "expected_minutes", 5)));
        Map<String, Object> draftBody = new HashMap<>(body);
        draftBody.put("status", "draft");
        var workflow = created(api.post("/api/workflows").as(owner).body(body));
        var draft = created(api.post("/api/workflows").as(owner).body(draftBody));
        var archivable = created(api.post("/api/workflows").as(owner).body(body));
        var disposable = created(api.post("/api/workflows").as(owner).body(body));
        String templates = "/api/stations/" + station.id() + "/task-templates";
        var template = created(api.post(templates).as(owner).body(Map.of("title", "Matrix task", "sequence", 1)));
        var disposableTemplate =
                created(api.post(templates).as(owner).body(Map.of("title", "Disposable task", "sequence", 2)));
        String path = "/api/workflows/" + workflow.id();
        sample("GET /api/workflows", "/api/workflows");
        sample("GET /api/workflows", "/api/workflows?status=active&q=matrix");
        sample("POST /api/workflows", "/api/workflows").body(body);
        sample("GET /api/workflows/{id}", path);
        sample("GET /api/workflows/{id}/stages", path + "/stages");
        sample("GET /api/workflows/{id}/versions", path + "/versions");
        sample("GET /api/workflows/{id}/products", path + "/products");
        sample("PUT /api/workflows/{id}/products", path + "/products")
                .body(Map.of("product_ids", List.of(product.id())));
        sample("PUT /api/workflows/{id}", path).body(body);
        sample("POST /api/workflows/{id}/activate", "/api/workflows/" + draft.id() + "/activate");
        sample("POST /api/workflows/{id}/archive", "/api/workflows/" + archivable.id() + "/archive");
        sample("DELETE /api/workflows/{id}", "/api/workflows/" + disposable.id());
        sample("GET /api/stations/{id}/task-templates", templates);
        sample("POST /api/stations/{id}/task-templates", templates).body(Map.of("title", "Intruder task"));
        sample("GET /api/stations/{id}/task-templates/{templateId}", templates + "/" + template.id());
        sample("PATCH /api/stations/{id}/task-templates/{templateId}", templates + "/" + template.id())
                .body(Map.of("title", "Hijacked"));
        sample("DELETE /api/stations/{id}/task-templates/{templateId}", templates + "/" + disposableTemplate.id());
    }

    /** Stock of a material at a site: received with the material, some of it issued, so every move has stock. */
    private void defineInventorySamples() {
        var site = created(
                api.post("/api/locations").as(owner).body(Map.of("code", "INV", "name", "Stores", "kind", "SITE")));
        var area = created(api.post("/api/locations")
                .as(owner)
                .body(Map.of("code", "INV-A", "name", "Stores A", "kind", "AREA", "parent_id", site.id())));
        var material = created(api.post("/api/inventory/materials")
                .as(owner)
                .body(Map.of(
                        "part_number",
                        "MX-INV",
                        "name",
                        "Matrix material",
                        "unit_of_measure",
                        "kg",
                        "opening_stock",
                        Map.of("location_id", site.id(), "quantity", 100, "lot_number", "MX-LOT"))));
        String lot = api.get("/api/inventory/lots?part_id=" + material.id())
                .as(owner)
                .send()
                .json()
                .path("items")
                .get(0)
                .path("id")
                .asString();
        ownersIds.add(lot);
        UUID project = UUID.randomUUID();
        var issued = api.post("/api/inventory/issues")
                .as(owner)
                .body(Map.of(
                        "part_id",
                        material.id(),
                        "location_id",
                        site.id(),
                        "quantity",
                        5,
                        "reference_type",
                        "PROJECT",
                        "reference_id",
                        project))
                .send();
        assertThat(issued.status()).as("fixture %s", issued).isEqualTo(201);
        String part = "?part_id=" + material.id();
        sample("POST /api/inventory/receipts", "/api/inventory/receipts")
                .body(Map.of("part_id", material.id(), "location_id", site.id(), "quantity", 1, "unit_cost", 1));
        sample("POST /api/inventory/issues", "/api/inventory/issues")
                .body(Map.of(
                        "part_id", material.id(),
                        "location_id", site.id(),
                        "quantity", 1,
                        "reference_type", "OTHER",
                        "reference_id", UUID.randomUUID()));
        sample("POST /api/inventory/transfers", "/api/inventory/transfers")
                .body(Map.of(
                        "part_id",
                        material.id(),
                        "from_location_id",
                        site.id(),
                        "to_location_id",
                        area.id(),
                        "quantity",
                        1));
        sample("POST /api/inventory/adjustments", "/api/inventory/adjustments")
                .body(Map.of(
                        "part_id", material.id(), "location_id", site.id(), "quantity", -1, "reason", "matrix count"));
        sample("POST /api/inventory/damages", "/api/inventory/damages")
                .body(Map.of("part_id", material.id(), "location_id", site.id(), "quantity", 1, "reason", "dropped"));
        sample("POST /api/inventory/returns", "/api/inventory/returns")
                .body(Map.of(
                        "lot_id",
                        lot,
                        "location_id",
                        site.id(),
                        "quantity",
                        1,
                        "reference_type",
                        "PROJECT",
                        "reference_id",
                        project));
        sample("GET /api/inventory/balances", "/api/inventory/balances" + part + "&lots=true");
        sample("GET /api/inventory/movements", "/api/inventory/movements" + part);
        sample("GET /api/inventory/movements", "/api/inventory/movements?lot_id=" + lot);
        sample("GET /api/inventory/valuation", "/api/inventory/valuation" + part);
        sample("GET /api/inventory/lots", "/api/inventory/lots" + part);
        sample("GET /api/inventory/lots/{id}", "/api/inventory/lots/" + lot);
        sample("GET /api/inventory/value", "/api/inventory/value?by=location");
        sample("GET /api/inventory/value", "/api/inventory/value?by=part");
        sample("GET /api/inventory/ledger-check", "/api/inventory/ledger-check");
        sample("GET /api/inventory/settings", "/api/inventory/settings");
        sample("PUT /api/inventory/settings", "/api/inventory/settings")
                .body(Map.of("costing_method", "MOVING_AVERAGE"));
    }
}
