package io.traveler.catalog.internal;

import io.traveler.shared.jpa.TenantOwned;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;

/** A node of the organization's coded category tree ("ELEC" → "ELEC.CAP"). */
@Entity
@Table(schema = "catalog", name = "categories")
public class Category extends TenantOwned {
    private String code;
    private String name;
    private UUID parentId;

    protected Category() {}

    public Category(String code, String name) {
        recode(code);
        rename(name);
    }

    public void recode(String code) {
        this.code = code.trim();
    }

    public void rename(String name) {
        this.name = name.trim();
    }

    public void placeUnder(UUID parentId) {
        this.parentId = parentId;
    }

    public String code() {
        return code;
    }

    public String name() {
        return name;
    }

    public UUID parentId() {
        return parentId;
    }
}
