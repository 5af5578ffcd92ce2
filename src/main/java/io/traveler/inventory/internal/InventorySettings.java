package io.traveler.inventory.internal;

import io.traveler.shared.errors.StaleVersionException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.tenancy.TenantContext;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How the organization values its stock. An organization that never chose has the default, moving average, at
 * version 0; the row is made by the first change.
 */
@Service
public class InventorySettings {
    static final Set<String> COSTING_METHODS = Set.of(StockLedger.MOVING_AVERAGE, StockLedger.FIFO);

    private final JdbcClient jdbc;

    InventorySettings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Costing(String costingMethod, long version) {}

    @Transactional(readOnly = true)
    public Costing costing() {
        return jdbc.sql("select costing_method, version from inventory.settings where org_id = :org")
                .param("org", TenantContext.requireOrgId())
                .query((rs, n) -> new Costing(rs.getString(1), rs.getLong(2)))
                .optional()
                .orElse(new Costing(StockLedger.MOVING_AVERAGE, 0));
    }

    /** Chooses the costing method; the version must be the current one (0 before the first choice). */
    @Transactional
    public Costing choose(String costingMethod, ExpectedVersion expected) {
        String method = costingMethod == null ? "" : costingMethod.strip().toUpperCase(Locale.ROOT);
        if (!COSTING_METHODS.contains(method)) {
            throw new ValidationException("costing_method", "must be MOVING_AVERAGE or FIFO");
        }
        Costing current = costing();
        expected.require(current.version());
        return jdbc.sql("""
                        insert into inventory.settings (org_id, costing_method, updated_at, version)
                        values (:org, :method, :now, 1)
                        on conflict (org_id) do update
                           set costing_method = excluded.costing_method, updated_at = excluded.updated_at,
                               version = inventory.settings.version + 1
                         where inventory.settings.version = :version
                        returning costing_method, version""")
                .param("org", TenantContext.requireOrgId())
                .param("method", method)
                .param("now", java.sql.Timestamp.from(Instant.now()))
                .param("version", current.version())
                .query((rs, n) -> new Costing(rs.getString(1), rs.getLong(2)))
                .optional()
                .orElseThrow(() -> new StaleVersionException("the inventory settings changed meanwhile"));
    }
}
