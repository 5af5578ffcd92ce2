package io.traveler.settings.internal;

import io.traveler.shared.jpa.TenantOwned;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A per-organization counter with prefix and padding: order codes, unit serials, 700-series parts. */
@Entity
@Table(schema = "settings", name = "numbering_series")
public class NumberingSeries extends TenantOwned {
    private String key;
    private String prefix;
    private long nextNumber = 1;
    private int padding = 6;

    protected NumberingSeries() {}

    public NumberingSeries(String key, String prefix, long nextNumber, int padding) {
        this.key = key;
        this.prefix = prefix;
        this.nextNumber = nextNumber;
        this.padding = padding;
    }

    public void change(String prefix, Long nextNumber, Integer padding) {
        if (prefix != null) {
            this.prefix = prefix;
        }
        if (nextNumber != null) {
            this.nextNumber = nextNumber;
        }
        if (padding != null) {
            this.padding = padding;
        }
    }

    public String format(long number) {
        return prefix + String.format("%0" + padding + "d", number);
    }

    public String key() {
        return key;
    }

    public String prefix() {
        return prefix;
    }

    public long nextNumber() {
        return nextNumber;
    }

    public int padding() {
        return padding;
    }
}
