package io.traveler.testing;

import io.traveler.accounts.OrganizationKind;
import io.traveler.accounts.internal.DirectAccounts;
import io.traveler.accounts.internal.security.Tokens;
import io.traveler.shared.security.TravelerAuthentication;
import io.traveler.shared.security.TravelerPrincipal;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Organizations and members made directly in the database, for tests of domain rules that call services and for
 * HTTP tests that are not about signing up: no HTTP, no password hashing per tenant, no mail. Every account's
 * password is {@link Api#PASSWORD} (hashed once per run), so pages can still be signed in to through the form;
 * {@link #signedIn} mints an API token without it. The organization is announced as sign-up announces it, so
 * settings and the other modules set it up as usual.
 */
public final class Tenants {
    private static volatile String passwordHash;

    private final DirectAccounts accounts;
    private final Tokens tokens;

    private Tenants(ApplicationContext context) {
        this.accounts = new DirectAccounts(context);
        this.tokens = context.getBean(Tokens.class);
        if (passwordHash == null) {
            passwordHash = context.getBean(PasswordEncoder.class).encode(Api.PASSWORD);
        }
    }

    public static Tenants in(ApplicationContext context) {
        return new Tenants(context);
    }

    /** Someone acting in one organization with exactly these permissions. */
    public record Member(UUID orgId, UUID userId, String email, Set<String> permissions) {
        public Tenant tenant() {
            return Tenant.user(orgId, userId);
        }

        public TravelerPrincipal principal() {
            return new TravelerPrincipal(
                    userId,
                    Tenant.ActorKind.USER,
                    orgId,
                    "Test organization",
                    "Test member",
                    email,
                    permissions,
                    false,
                    Instant.now());
        }

        /** Runs {@code work} as this member: the tenant for row-level security and the caller for permission checks. */
        public <T> T call(Supplier<T> work) {
            SecurityContext previous = SecurityContextHolder.getContext();
            SecurityContext mine = SecurityContextHolder.createEmptyContext();
            mine.setAuthentication(new TravelerAuthentication(principal()));
            SecurityContextHolder.setContext(mine);
            try {
                return TenantContext.callAs(tenant(), work);
            } finally {
                SecurityContextHolder.setContext(previous);
            }
        }

        public void run(Runnable work) {
            call(() -> {
                work.run();
                return null;
            });
        }
    }

    /** A new organization of this kind ("FACTORY", "BRAND", "SHOP") and its administrator. */
    public Member organization(String kind) {
        var created = accounts.organization(
                kind.toLowerCase() + " " + UUID.randomUUID().toString().substring(0, 6),
                OrganizationKind.valueOf(kind),
                Api.uniqueEmail("admin"),
                passwordHash);
        return member(created);
    }

    /** A new member of {@code organization} holding exactly {@code permissions} through a custom role. */
    public Member memberWith(Member organization, String... permissions) {
        return memberWith(organization.orgId(), Set.of(permissions));
    }

    /** A new member of the organization holding exactly {@code permissions} through a custom role. */
    public Member memberWith(UUID orgId, Set<String> permissions) {
        return member(accounts.member(orgId, Api.uniqueEmail("member"), passwordHash, permissions));
    }

    /** A new organization's administrator with an access token, for a test that goes on through the API. */
    public Api.Tenant signedIn(String kind) {
        return signedIn(organization(kind));
    }

    /**
     * The member with an access token of a session started as signing in starts one, without comparing a password
     * (the token is what the API checks; sign-in itself has its own tests).
     */
    public Api.Tenant signedIn(Member member) {
        var pair = tokens.startSession(member.userId(), member.orgId(), new Tokens.Client("tests", "127.0.0.1"));
        return new Api.Tenant(member.orgId(), member.userId(), member.email(), pair.accessToken());
    }

    private static Member member(DirectAccounts.Created created) {
        return new Member(created.orgId(), created.userId(), created.email(), Set.copyOf(created.permissions()));
    }
}
