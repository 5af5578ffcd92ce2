package io.traveler.accounts.internal;

import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.security.PermissionCatalogue;
import io.traveler.shared.security.PrincipalChanges;
import io.traveler.shared.tenancy.TenantContext;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** API keys: the full key is shown once at creation; only its secret's SHA-256 is stored. */
@Service
public class ApiKeyService {
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final ApiKeys keys;
    private final Grants grants;
    private final PrincipalChanges principals;
    private final SecureRandom random = new SecureRandom();
    private final PermissionCatalogue catalogue;

    ApiKeyService(ApiKeys keys, Grants grants, PrincipalChanges principals, PermissionCatalogue catalogue) {
        this.principals = principals;
        this.keys = keys;
        this.grants = grants;
        this.catalogue = catalogue;
    }

    public record Created(ApiKey key, String plaintext) {}

    @Transactional(readOnly = true)
    public List<ApiKey> list() {
        return keys.findAll(org.springframework.data.domain.Sort.by("createdAt").descending());
    }

    @Transactional(readOnly = true)
    public ApiKey get(UUID id) {
        return keys.findById(id).orElseThrow(() -> NotFoundException.of("API key", id));
    }

    @Transactional
    public Created create(String name, Set<String> permissions, Instant expiresAt) {
        if (permissions == null || permissions.isEmpty()) {
            throw new ValidationException("permissions", "must name at least one permission");
        }
        for (String code : permissions) {
            if (!catalogue.isKnown(code)) {
                throw new ValidationException("permissions", "'" + code + "' is not a known permission");
            }
        }
        grants.requireHeld(permissions);
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            throw new ValidationException("expires_at", "must be in the future");
        }
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            prefix.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        String secret = SecretTokens.newToken();
        UUID creator = creator();
        ApiKey key = keys.saveAndFlush(
                new ApiKey(name, prefix.toString(), SecretTokens.sha256(secret), permissions, creator, expiresAt));
        return new Created(key, "tvk_" + prefix + "_" + secret);
    }

    /**
     * The user answerable for a new key: the signed-in user, or, when a key creates a key, that key's creator, so the
     * new key is also cut down to its creator's current permissions.
     */
    private UUID creator() {
        UUID actor = TenantContext.actorId().orElseThrow();
        if (TenantContext.current().actorKind() == io.traveler.shared.tenancy.Tenant.ActorKind.API_KEY) {
            return get(actor).createdBy();
        }
        return actor;
    }

    @Transactional
    public ApiKey revoke(UUID id) {
        ApiKey key = get(id);
        key.revoke();
        principals.announce(PrincipalChanges.Scope.API_KEY, id);
        return keys.saveAndFlush(key);
    }
}
