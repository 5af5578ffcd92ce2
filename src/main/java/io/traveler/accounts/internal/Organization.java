package io.traveler.accounts.internal;

import io.traveler.accounts.OrganizationKind;
import io.traveler.shared.Ids;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** The tenant itself. Its id is the {@code org_id} of everything it owns. */
@Entity
@Table(schema = "accounts", name = "organizations")
public class Organization {
    @Id
    private UUID id = Ids.newId();

    private String name;

    @Enumerated(EnumType.STRING)
    private OrganizationKind kind;

    private Instant createdAt;
    private Instant updatedAt;

    @Version
    private Long version;

    protected Organization() {}

    public Organization(String name, OrganizationKind kind) {
        this.name = name.trim();
        this.kind = kind;
    }

    @PrePersist
    void stampCreation() {
        createdAt = Instant.now();
        updatedAt = createdAt;
    }

    @PreUpdate
    void stampUpdate() {
        updatedAt = Instant.now();
    }

    public void rename(String name) {
        this.name = name.trim();
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public OrganizationKind kind() {
        return kind;
    }

    public long version() {
        return version == null ? 0 : version;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
