package io.traveler.settings.internal;

import io.traveler.shared.jpa.Stamped;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.UUID;

/** One organization's settings; its id is the organization's. Row-level security scopes it. */
@Entity
@Table(schema = "settings", name = "organization_settings")
public class SettingsRecord extends Stamped {
    @Id
    private UUID orgId;

    private String timezone = "UTC";
    private String currency = "USD";
    private BigDecimal defaultHourlyRate = BigDecimal.ZERO;
    private boolean mfaRequired;

    protected SettingsRecord() {}

    public SettingsRecord(UUID orgId) {
        this.orgId = orgId;
    }

    public void change(String timezone, String currency, BigDecimal defaultHourlyRate, Boolean mfaRequired) {
        if (timezone != null) {
            this.timezone = timezone;
        }
        if (currency != null) {
            this.currency = currency;
        }
        if (defaultHourlyRate != null) {
            this.defaultHourlyRate = defaultHourlyRate;
        }
        if (mfaRequired != null) {
            this.mfaRequired = mfaRequired;
        }
    }

    public UUID orgId() {
        return orgId;
    }

    public String timezone() {
        return timezone;
    }

    public String currency() {
        return currency;
    }

    public BigDecimal defaultHourlyRate() {
        return defaultHourlyRate;
    }

    public boolean mfaRequired() {
        return mfaRequired;
    }
}
