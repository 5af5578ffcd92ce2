package io.traveler.accounts.internal.security;

import io.traveler.accounts.internal.BuiltInRole;
import io.traveler.settings.OrganizationSettings;
import io.traveler.shared.security.PermissionCatalogue;
import io.traveler.shared.security.PrincipalChanges.Change;
import io.traveler.shared.security.TravelerPrincipal;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import java.sql.Array;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds the caller: user, membership, organization, roles, MFA, session, in one transaction, or takes it from the
 * {@link PrincipalCache}, which drops it as soon as any of these changes. Disabling a user, ending their sessions,
 * removing a membership or changing a role thus takes effect at once, whatever tokens are still in circulation. A
 * credential issued before the account's last sign-out (password change) or before the membership's (ended by its
 * organization) is refused.
 */
@Component
public class PrincipalLoader {
    private static final UUID NO_SESSION = new UUID(0, 0);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final OrganizationSettings settings;
    private final PrincipalCache cache;
    private final PermissionCatalogue catalogue;

    PrincipalLoader(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            OrganizationSettings settings,
            PrincipalCache cache,
            PermissionCatalogue catalogue) {
        this.jdbc = jdbc;
        this.catalogue = catalogue;
        this.transactions = transactions;
        this.settings = settings;
        this.cache = cache;
    }

    private record Key(UUID userId, UUID orgId, UUID sessionId) {}

    /** An active user of an active membership (in a live session, when it has one), as the database had them. */
    private record Caller(
            UUID userId,
            UUID orgId,
            UUID membershipId,
            UUID sessionId,
            String name,
            String email,
            String orgName,
            Instant validAfter,
            Set<String> permissions,
            boolean mustEnrol)
            implements PrincipalCache.Cached {
        @Override
        public boolean reachedBy(Change change) {
            return switch (change.scope()) {
                case USER -> change.id().equals(userId);
                case MEMBERSHIP -> change.id().equals(membershipId);
                case ORGANIZATION -> change.id().equals(orgId);
                case SESSION -> change.id().equals(sessionId);
                case API_KEY -> false;
            };
        }

        TravelerPrincipal principal(Instant authenticatedAt) {
            return new TravelerPrincipal(
                    userId,
                    Tenant.ActorKind.USER,
                    orgId,
                    orgName,
                    name,
                    email,
                    mustEnrol ? Set.of() : permissions,
                    mustEnrol,
                    authenticatedAt);
        }
    }

    /** The user acting in {@code orgId}, if both are active and the credential was issued after the last sign-out. */
    public Optional<TravelerPrincipal> user(UUID userId, UUID orgId, Instant authenticatedAt) {
        return user(userId, orgId, authenticatedAt, null);
    }

    /** As {@link #user(UUID, UUID, Instant)}, for a credential of an API session that must not have ended. */
    public Optional<TravelerPrincipal> user(UUID userId, UUID orgId, Instant authenticatedAt, UUID sessionId) {
        return cache.get(new Key(userId, orgId, sessionId), () -> load(userId, orgId, sessionId))
                .filter(caller -> authenticatedAt == null || !authenticatedAt.isBefore(caller.validAfter()))
                .map(caller -> caller.principal(authenticatedAt));
    }

    private record Row(
            UUID membershipId,
            String name,
            String email,
            boolean mfaEnabled,
            Instant validAfter,
            String orgName,
            boolean sessionLive) {}

    private Optional<Caller> load(UUID userId, UUID orgId, UUID sessionId) {
        return TenantContext.callAs(
                Tenant.user(orgId, userId),
                () -> transactions.execute(status -> {
                    Optional<Row> row = jdbc.sql("""
                            select m.id, u.name, u.email, u.mfa_enabled, greatest(u.sessions_valid_after, m.sessions_valid_after), o.name,
                                   s.id is not null and s.ended_at is null
                              from accounts.users u
                              join accounts.memberships m on m.user_id = u.id and m.org_id = :org and m.status = 'ACTIVE'
                              join accounts.organizations o on o.id = m.org_id
                              left join accounts.sessions s on s.id = :session and s.user_id = u.id
                             where u.id = :user and u.status = 'ACTIVE'
                            """)
                            .param("org", orgId)
                            .param("user", userId)
                            .param("session", sessionId == null ? NO_SESSION : sessionId)
                            .query((rs, n) -> new Row(
                                    rs.getObject(1, UUID.class),
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getBoolean(4),
                                    rs.getTimestamp(5).toInstant(),
                                    rs.getString(6),
                                    rs.getBoolean(7)))
                            .optional();
                    if (row.isEmpty() || (sessionId != null && !row.get().sessionLive())) {
                        return Optional.<Caller>empty();
                    }
                    Row found = row.get();
                    return Optional.of(new Caller(
                            userId,
                            orgId,
                            found.membershipId(),
                            sessionId,
                            found.name(),
                            found.email(),
                            found.orgName(),
                            found.validAfter(),
                            permissionsOf(found.membershipId()),
                            !found.mfaEnabled() && settings.mfaRequired(orgId)));
                }));
    }

    /** What the roles of an active membership grant (the current transaction must see the membership's organization). */
    Set<String> permissionsOf(UUID membershipId) {
        Set<String> permissions = new HashSet<>();
        jdbc.sql("""
                        select r.built_in, r.permissions from accounts.roles r
                          join accounts.membership_roles mr on mr.role_id = r.id
                         where mr.membership_id = :membership
                        """).param("membership", membershipId).query(rs -> {
            String builtIn = rs.getString(1);
            if (builtIn != null) {
                permissions.addAll(BuiltInRole.valueOf(builtIn).permissions(catalogue));
            } else {
                Array array = rs.getArray(2);
                for (String code : (String[]) array.getArray()) {
                    permissions.add(code);
                }
            }
        });
        return Set.copyOf(permissions);
    }
}
