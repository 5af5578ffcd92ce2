package io.traveler.accounts.internal.security;

import io.traveler.accounts.internal.BuiltInRole;
import io.traveler.accounts.internal.SecretTokens;
import io.traveler.shared.security.TravelerPrincipal;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Array;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Resolves {@code tvk_<prefix>_<secret>} API keys. The prefix finds the row (the only row row-level security
 * lets through before the organization is known); the secret's SHA-256 is compared in constant time. The key acts
 * with its own permissions cut down to those its creator holds in the organization at the time of the request.
 */
@Component
public class ApiKeyAuthentication {
    static final Pattern FORMAT = Pattern.compile("tvk_([a-z0-9]{12})_([A-Za-z0-9_-]{43})");

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    ApiKeyAuthentication(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    private record Row(
            UUID id, UUID orgId, String name, String hash, Set<String> permissions, boolean usable, String orgName) {}

    /**
     * What the key's creator holds in the key's organization now (nothing once their membership or account is
     * disabled): a key never does more than the person answerable for it could.
     */
    private Set<String> creatorPermissions(UUID keyId) {
        Set<String> holds = new HashSet<>();
        jdbc.sql("""
                        select r.built_in, r.permissions
                          from accounts.api_keys k
                          join accounts.memberships m on m.org_id = k.org_id and m.user_id = k.created_by
                                                     and m.status = 'ACTIVE'
                          join accounts.users u on u.id = m.user_id and u.status = 'ACTIVE'
                          join accounts.membership_roles mr on mr.membership_id = m.id
                          join accounts.roles r on r.id = mr.role_id
                         where k.id = :key
                        """).param("key", keyId).query(rs -> {
            String builtIn = rs.getString(1);
            if (builtIn != null) {
                holds.addAll(BuiltInRole.valueOf(builtIn).permissions());
            } else {
                holds.addAll(List.of((String[]) rs.getArray(2).getArray()));
            }
        });
        return holds;
    }

    public Optional<TravelerPrincipal> authenticate(String presented) {
        Matcher matcher = FORMAT.matcher(presented == null ? "" : presented.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String prefix = matcher.group(1);
        String secretHash = SecretTokens.sha256(matcher.group(2));
        Optional<Row> row = TenantContext.callAs(
                Tenant.anonymous(),
                () -> transactions.execute(status -> {
                    jdbc.sql("select set_config('app.api_key_prefix', :prefix, true)")
                            .param("prefix", prefix)
                            .query()
                            .singleValue();
                    return jdbc.sql("""
                            select k.id, k.org_id, k.name, k.secret_hash, k.permissions,
                                   k.revoked_at is null and (k.expires_at is null or k.expires_at > now()), o.name
                              from accounts.api_keys k join accounts.organizations o on o.id = k.org_id
                             where k.prefix = :prefix
                            """)
                            .param("prefix", prefix)
                            .query((rs, n) -> {
                                Array array = rs.getArray(5);
                                return new Row(
                                        rs.getObject(1, UUID.class),
                                        rs.getObject(2, UUID.class),
                                        rs.getString(3),
                                        rs.getString(4),
                                        Set.of((String[]) array.getArray()),
                                        rs.getBoolean(6),
                                        rs.getString(7));
                            })
                            .optional();
                }));
        if (row.isEmpty()
                || !row.get().usable()
                || !MessageDigest.isEqual(
                        row.get().hash().getBytes(StandardCharsets.UTF_8),
                        secretHash.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        Row key = row.get();
        Set<String> creatorHolds = TenantContext.callAs(
                new Tenant(key.orgId(), key.id(), Tenant.ActorKind.API_KEY),
                () -> transactions.execute(status -> {
                    jdbc.sql("update accounts.api_keys set last_used_at = now() where id = :id"
                                    + " and (last_used_at is null or last_used_at < now() - interval '1 minute')")
                            .param("id", key.id())
                            .update();
                    return creatorPermissions(key.id());
                }));
        Set<String> effective = new HashSet<>(key.permissions());
        effective.retainAll(creatorHolds);
        return Optional.of(new TravelerPrincipal(
                key.id(),
                Tenant.ActorKind.API_KEY,
                key.orgId(),
                key.orgName(),
                key.name(),
                null,
                Set.copyOf(effective),
                false,
                Instant.now()));
    }
}
