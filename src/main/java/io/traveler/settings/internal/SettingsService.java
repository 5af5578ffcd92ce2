package io.traveler.settings.internal;

import io.traveler.settings.OrganizationSettings;
import io.traveler.settings.OrganizationSettings.NumberBlock;
import io.traveler.shared.Ids;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.security.PrincipalChanges;
import io.traveler.shared.tenancy.TenantContext;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Year;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class SettingsService implements OrganizationSettings {
    private final EntityManager em;
    private final JdbcClient jdbc;
    private final PrincipalChanges principals;

    SettingsService(EntityManager em, JdbcClient jdbc, PrincipalChanges principals) {
        this.em = em;
        this.jdbc = jdbc;
        this.principals = principals;
    }

    @Override
    @Transactional(readOnly = true)
    public Snapshot current() {
        UUID orgId = TenantContext.requireOrgId();
        SettingsRecord record = em.find(SettingsRecord.class, orgId);
        return snapshot(record == null ? new SettingsRecord(orgId) : record);
    }

    @Override
    @Transactional(readOnly = true)
    public boolean mfaRequired(UUID orgId) {
        return jdbc.sql("select mfa_required from settings.organization_settings where org_id = :org")
                .param("org", orgId)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    @Transactional
    public Snapshot change(
            ExpectedVersion expected, String timezone, String currency, BigDecimal rate, Boolean mfaRequired) {
        UUID orgId = TenantContext.requireOrgId();
        SettingsRecord record = em.find(SettingsRecord.class, orgId);
        if (record == null) {
            // An organization older than OrganizationSetup, or one whose setup has not run yet: the same
            // skip-if-present insert as the setup, so a change racing it never fails on the primary key.
            insertDefaults(orgId);
            record = em.find(SettingsRecord.class, orgId);
        }
        expected.require(record.version());
        if (timezone != null) {
            try {
                ZoneId.of(timezone);
            } catch (DateTimeException e) {
                throw new ValidationException("timezone", "is not a known time zone (e.g. Europe/Berlin)");
            }
        }
        if (currency != null) {
            try {
                Currency.getInstance(currency);
            } catch (IllegalArgumentException e) {
                throw new ValidationException("currency", "is not an ISO 4217 currency code");
            }
        }
        if (rate != null && rate.signum() < 0) {
            throw new ValidationException("default_hourly_rate", "must not be negative");
        }
        boolean mfaRequiredBefore = record.mfaRequired();
        record.change(timezone, currency, rate, mfaRequired);
        em.flush();
        if (record.mfaRequired() != mfaRequiredBefore) {
            // members without MFA are callers who must enrol from now on, or no longer
            principals.announce(PrincipalChanges.Scope.ORGANIZATION, orgId);
        }
        return snapshot(record);
    }

    @Transactional(readOnly = true)
    public List<NumberingSeries> allSeries() {
        return em.createQuery("select s from NumberingSeries s order by s.key", NumberingSeries.class)
                .getResultList();
    }

    @Transactional(readOnly = true)
    public NumberingSeries series(String key) {
        return findSeries(key).orElseThrow(() -> new NotFoundException("Numbering series", key));
    }

    private java.util.Optional<NumberingSeries> findSeries(String key) {
        return em.createQuery("select s from NumberingSeries s where s.key = :key", NumberingSeries.class)
                .setParameter("key", key)
                .getResultStream()
                .findFirst();
    }

    @Transactional
    public NumberingSeries createSeries(String key, String prefix, Long nextNumber, Integer padding) {
        if (findSeries(key).isPresent()) {
            throw new io.traveler.shared.errors.ConflictException("A numbering series '" + key + "' already exists");
        }
        var series = new NumberingSeries(
                key, prefix == null ? "" : prefix, nextNumber == null ? 1 : nextNumber, padding == null ? 6 : padding);
        em.persist(series);
        em.flush();
        return series;
    }

    @Transactional
    public NumberingSeries changeSeries(
            String key, ExpectedVersion expected, String prefix, Long nextNumber, Integer padding) {
        NumberingSeries series = series(key);
        expected.require(series.version());
        series.change(prefix, nextNumber, padding);
        em.flush();
        return series;
    }

    /** One UPDATE … RETURNING: the row lock serialises parallel callers, so no number is given out twice. */
    @Override
    @Transactional
    public String nextNumber(String seriesKey) {
        NumberBlock block = nextNumbers(seriesKey, 1);
        return block.format(block.first());
    }

    /** One UPDATE … RETURNING takes the whole block, so parallel callers get disjoint blocks. */
    @Override
    @Transactional
    public NumberBlock nextNumbers(String seriesKey, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("A block has at least one number");
        }
        UUID orgId = TenantContext.requireOrgId();
        jdbc.sql("""
                        insert into settings.numbering_series (org_id, id, key, prefix, next_number, padding, created_at, updated_at)
                        values (:org, :id, :key, :prefix, 1, 6, now(), now())
                        on conflict (org_id, key) do nothing
                        """)
                .param("org", orgId)
                .param("id", Ids.newId())
                .param("key", seriesKey)
                .param("prefix", defaultPrefix(seriesKey))
                .update();
        return jdbc.sql("""
                        update settings.numbering_series
                           set next_number = next_number + :count, version = version + 1, updated_at = now()
                         where org_id = :org and key = :key
                        returning prefix, next_number - :count, padding
                        """)
                .param("org", orgId)
                .param("key", seriesKey)
                .param("count", count)
                .query((rs, n) -> new NumberBlock(
                        rs.getString(1)
                                .replace("{yyyy}", String.valueOf(Year.now().getValue())),
                        rs.getLong(2),
                        count,
                        rs.getInt(3)))
                .single();
    }

    /** The series every new organization starts with; others are created on first use or by an administrator. */
    static final List<String> DEFAULT_SERIES = List.of("orders", "units", "custom_parts", "rma");

    /**
     * Gives the current organization its settings row and default numbering series. Each insert skips what
     * exists, so running it again, or after the organization already saved its settings, changes nothing.
     */
    @Transactional
    public void initialise() {
        UUID orgId = TenantContext.requireOrgId();
        insertDefaults(orgId);
        for (String key : DEFAULT_SERIES) {
            jdbc.sql("""
                            insert into settings.numbering_series (org_id, id, key, prefix, next_number, padding, created_at, updated_at)
                            values (:org, :id, :key, :prefix, 1, 6, now(), now())
                            on conflict (org_id, key) do nothing
                            """)
                    .param("org", orgId)
                    .param("id", Ids.newId())
                    .param("key", key)
                    .param("prefix", defaultPrefix(key))
                    .update();
        }
    }

    private void insertDefaults(UUID orgId) {
        jdbc.sql("""
                        insert into settings.organization_settings (org_id, created_at, updated_at)
                        values (:org, now(), now())
                        on conflict (org_id) do nothing
                        """).param("org", orgId).update();
    }

    private static String defaultPrefix(String key) {
        return switch (key) {
            case "orders" -> "ORD-{yyyy}-";
            case "projects" -> "PRJ-{yyyy}-";
            case "quotes" -> "QUO-{yyyy}-";
            case "purchase-orders" -> "PO-{yyyy}-";
            case "custom_parts" -> "700-";
            case "units" -> "U-";
            case "rma" -> "RMA-";
            default -> key.toUpperCase(java.util.Locale.ROOT) + "-";
        };
    }

    private static Snapshot snapshot(SettingsRecord r) {
        return new Snapshot(r.orgId(), r.timezone(), r.currency(), r.defaultHourlyRate(), r.mfaRequired(), r.version());
    }
}
