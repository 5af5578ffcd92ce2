package io.traveler.accounts.internal;

import io.traveler.shared.jpa.TenantOwned;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.util.UUID;

/** A place in the tree site → area → bin. */
@Entity
@Table(schema = "accounts", name = "locations")
public class Location extends TenantOwned {
    public enum Kind {
        SITE,
        AREA,
        BIN;

        /** The kind a parent of this kind must have, or null for a root. */
        public Kind parentKind() {
            return switch (this) {
                case SITE -> null;
                case AREA -> SITE;
                case BIN -> AREA;
            };
        }
    }

    private String code;
    private String name;

    @Enumerated(EnumType.STRING)
    private Kind kind;

    private UUID parentId;

    protected Location() {}

    public Location(String code, String name, Kind kind, UUID parentId) {
        this.code = code.trim();
        this.name = name.trim();
        this.kind = kind;
        this.parentId = parentId;
    }

    public void rename(String code, String name) {
        if (code != null) {
            this.code = code.trim();
        }
        if (name != null) {
            this.name = name.trim();
        }
    }

    public String code() {
        return code;
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    public UUID parentId() {
        return parentId;
    }
}
