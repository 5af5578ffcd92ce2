package io.traveler.accounts.internal.security;

import io.traveler.accounts.internal.SecretTokens;
import io.traveler.shared.security.PrincipalChanges.Change;
import io.traveler.shared.security.TravelerPrincipal;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Resolves {@code tvk_<prefix>_<secret>} API keys. The prefix finds the row (the only row row-level security
 * lets through before the organization is known); the secret's SHA-256 is compared in constant time. The key acts
 * with its own permissions cut down to those its creator holds in the organization now. Keys are cached like users
 * ({@link PrincipalCache}): revoking a key, or any change to its creator's membership, roles or account, drops it.
 */
@Component
public class ApiKeyAuthentication {
    static final Pattern FORMAT = Pattern.compile("tvk_([a-z0-9]{12})_([A-Za-z0-9_-]{43})");
    /** How often a key in use writes {@code last_used_at}. */
    private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final PrincipalLoader principals;
    private final PrincipalCache cache;

    ApiKeyAuthentication(
            JdbcClient jdbc, TransactionTemplate transactions, PrincipalLoader principals, PrincipalCache cache) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.principals = principals;
        this.cache = cache;
    }

    private record Key(String prefix) {}

    /** An unrevoked key and what it may do: its permissions that its active creator holds. */
    private record Caller(
            UUID keyId,
            UUID orgId,
            String name,
            String secretHash,
            Instant expiresAt,
            String orgName,
            Set<String> permissions,
            UUID creatorId,
            UUID creatorMembershipId,
            AtomicLong lastUsedMarked)
            implements PrincipalCache.Cached {
        @Override
        public boolean reachedBy(Change change) {
            return switch (change.scope()) {
                case API_KEY -> change.id().equals(keyId);
                case USER -> change.id().equals(creatorId);
                case MEMBERSHIP -> change.id().equals(creatorMembershipId);
                case ORGANIZATION -> change.id().equals(orgId);
                case SESSION -> false;
            };
        }

        boolean opensWith(String presentedHash) {
            return MessageDigest.isEqual(
                    secretHash.getBytes(StandardCharsets.UTF_8), presentedHash.getBytes(StandardCharsets.UTF_8));
        }

        boolean expired() {
            return expiresAt != null && !expiresAt.isAfter(Instant.now());
        }

        /** True once a minute: this request should record that the key is in use. */
        boolean dueForUse() {
            long now = System.currentTimeMillis();
            long marked = lastUsedMarked.get();
            return now - marked >= LAST_USED_GRANULARITY.toMillis() && lastUsedMarked.compareAndSet(marked, now);
        }

        Tenant tenant() {
            return new Tenant(orgId, keyId, Tenant.ActorKind.API_KEY);
        }
    }

    private record Row(
            UUID id,
            UUID orgId,
            String name,
            String hash,
            Set<String> permissions,
            Instant expiresAt,
            String orgName,
            UUID creatorId) {}

    public Optional<TravelerPrincipal> authenticate(String presented) {
        Matcher matcher = FORMAT.matcher(presented == null ? "" : presented.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String prefix = matcher.group(1);
        String secretHash = SecretTokens.sha256(matcher.group(2));
        Optional<Caller> found = cache.get(new Key(prefix), () -> load(prefix, secretHash));
        if (found.isEmpty() || found.get().expired() || !found.get().opensWith(secretHash)) {
            return Optional.empty();
        }
        Caller key = found.get();
        if (key.dueForUse()) {
            TenantContext.runAs(key.tenant(), () -> transactions.executeWithoutResult(status -> markUsed(key.keyId())));
        }
        return Optional.of(new TravelerPrincipal(
                key.keyId(),
                Tenant.ActorKind.API_KEY,
                key.orgId(),
                key.orgName(),
                key.name(),
                null,
                key.permissions(),
                false,
                Instant.now()));
    }

    /**
     * The key of {@code prefix} with its creator's current permissions, in one transaction: it starts knowing only
     * the prefix and, once the key names its organization, reads the creator's membership there. When the presented
     * secret opens the key, its use is recorded in the same transaction.
     */
    private Optional<Caller> load(String prefix, String presentedHash) {
        return TenantContext.callAs(
                Tenant.anonymous(),
                () -> transactions.execute(status -> {
                    jdbc.sql("select set_config('app.api_key_prefix', :prefix, true)")
                            .param("prefix", prefix)
                            .query()
                            .singleValue();
                    Optional<Row> row = jdbc.sql("""
                            select k.id, k.org_id, k.name, k.secret_hash, k.permissions, k.expires_at, o.name, k.created_by
                              from accounts.api_keys k join accounts.organizations o on o.id = k.org_id
                             where k.prefix = :prefix and k.revoked_at is null
                            """)
                            .param("prefix", prefix)
                            .query((rs, n) -> new Row(
                                    rs.getObject(1, UUID.class),
                                    rs.getObject(2, UUID.class),
                                    rs.getString(3),
                                    rs.getString(4),
                                    Set.of((String[]) rs.getArray(5).getArray()),
                                    rs.getTimestamp(6) == null
                                            ? null
                                            : rs.getTimestamp(6).toInstant(),
                                    rs.getString(7),
                                    rs.getObject(8, UUID.class)))
                            .optional();
                    if (row.isEmpty()) {
                        return Optional.<Caller>empty();
                    }
                    Row key = row.get();
                    jdbc.sql("select set_config('app.org_id', :org, true), set_config('app.actor_id', :key, true)")
                            .param("org", key.orgId().toString())
                            .param("key", key.id().toString())
                            .query()
                            .listOfRows();
                    // the creator's membership whatever its state, so that enabling it again reaches this key too
                    record Membership(UUID id, boolean active) {}
                    Optional<Membership> creatorMembership = jdbc.sql("""
                            select m.id, m.status = 'ACTIVE' and u.status = 'ACTIVE'
                              from accounts.memberships m join accounts.users u on u.id = m.user_id
                             where m.org_id = :org and m.user_id = :creator
                            """)
                            .param("org", key.orgId())
                            .param("creator", key.creatorId())
                            .query((rs, n) -> new Membership(rs.getObject(1, UUID.class), rs.getBoolean(2)))
                            .optional();
                    Set<String> effective = new HashSet<>(key.permissions());
                    effective.retainAll(creatorMembership
                            .filter(Membership::active)
                            .map(membership -> principals.permissionsOf(membership.id()))
                            .orElse(Set.of()));
                    var caller = new Caller(
                            key.id(),
                            key.orgId(),
                            key.name(),
                            key.hash(),
                            key.expiresAt(),
                            key.orgName(),
                            Set.copyOf(effective),
                            key.creatorId(),
                            creatorMembership.map(Membership::id).orElse(null),
                            new AtomicLong());
                    if (caller.opensWith(presentedHash) && caller.dueForUse()) {
                        markUsed(key.id());
                    }
                    return Optional.of(caller);
                }));
    }

    private void markUsed(UUID keyId) {
        jdbc.sql("update accounts.api_keys set last_used_at = now() where id = :id"
                        + " and (last_used_at is null or last_used_at < now() - interval '1 minute')")
                .param("id", keyId)
                .update();
    }
}
