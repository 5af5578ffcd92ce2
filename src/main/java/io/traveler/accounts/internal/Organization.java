package io.traveler.accounts.internal;

import io.traveler.accounts.OrganizationKind;
import io.traveler.shared.Ids;
import io.traveler.shared.jpa.Stamped;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** The tenant itself. Its id is the {@code org_id} of everything it owns. */
@Entity
@Table(schema = "accounts", name = "organizations")
public class Organization extends Stamped {
    @Id
    private UUID id = Ids.newId();

    private String name;

    @Enumerated(EnumType.STRING)
    private OrganizationKind kind;

    protected Organization() {}

    public Organization(String name, OrganizationKind kind) {
        this.name = name.trim();
        this.kind = kind;
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
}
