package io.traveler.accounts.internal;

import io.traveler.shared.jpa.TenantOwned;
import io.traveler.shared.security.PermissionCatalogue;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.util.Set;
import java.util.TreeSet;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A named set of permissions in one organization. Built-in roles take their permissions from
 * {@link BuiltInRole}, so a release that adds permissions updates every organization at once; custom roles
 * store theirs.
 */
@Entity
@Table(schema = "accounts", name = "roles")
public class Role extends TenantOwned {
    private String name;
    private String description;

    @Enumerated(EnumType.STRING)
    @Column(name = "built_in")
    private BuiltInRole builtIn;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    private String[] permissions = new String[0];

    protected Role() {}

    static Role builtIn(BuiltInRole role) {
        var r = new Role();
        r.name = role.displayName();
        r.description = role.description();
        r.builtIn = role;
        return r;
    }

    static Role custom(String name, String description, Set<String> permissions) {
        var r = new Role();
        r.name = name.trim();
        r.description = description;
        r.permissions = new TreeSet<>(permissions).toArray(String[]::new);
        return r;
    }

    public void redefine(String name, String description, Set<String> permissions) {
        if (builtIn != null) {
            throw new io.traveler.shared.errors.ConflictException(
                    "Built-in roles cannot be changed; create a custom role");
        }
        if (name != null) {
            this.name = name.trim();
        }
        if (description != null) {
            this.description = description;
        }
        if (permissions != null) {
            this.permissions = new TreeSet<>(permissions).toArray(String[]::new);
        }
    }

    public Set<String> effectivePermissions(PermissionCatalogue catalogue) {
        return builtIn != null ? builtIn.permissions(catalogue) : Set.of(permissions);
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public BuiltInRole builtInRole() {
        return builtIn;
    }

    public boolean isBuiltIn() {
        return builtIn != null;
    }
}
