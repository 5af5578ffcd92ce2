package io.traveler.accounts.internal;

import io.traveler.shared.jpa.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An integration's credential: a public prefix, a secret stored only as a hash, scoped permissions. */
@Entity
@Table(schema = "accounts", name = "api_keys")
public class ApiKey extends TenantOwned {
    private String name;
    private String prefix;
    private String secretHash;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    private String[] permissions;

    private UUID createdBy;
    private Instant expiresAt;
    private Instant lastUsedAt;
    private Instant revokedAt;

    protected ApiKey() {}

    public ApiKey(
            String name, String prefix, String secretHash, Set<String> permissions, UUID createdBy, Instant expiresAt) {
        this.name = name.trim();
        this.prefix = prefix;
        this.secretHash = secretHash;
        this.permissions = new TreeSet<>(permissions).toArray(String[]::new);
        this.createdBy = createdBy;
        this.expiresAt = expiresAt;
    }

    public boolean isUsableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }

    public void revoke() {
        if (revokedAt != null) {
            throw new io.traveler.shared.errors.ConflictException("This API key is already revoked");
        }
        revokedAt = Instant.now();
    }

    public String name() {
        return name;
    }

    public String prefix() {
        return prefix;
    }

    public String secretHash() {
        return secretHash;
    }

    public Set<String> permissions() {
        return Set.of(permissions);
    }

    public UUID createdBy() {
        return createdBy;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }

    public Instant revokedAt() {
        return revokedAt;
    }
}
