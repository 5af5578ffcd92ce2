package io.traveler.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.accounts.OrganizationCreated;
import io.traveler.accounts.OrganizationKind;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The settings module alone (with the shared kernel it depends on): no accounts module, no sign-up, no HTTP. The
 * event is published as the accounts module publishes it, in a transaction.
 */
@ApplicationModuleTest(extraIncludes = "shared")
class SettingsModuleTests {
    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    OrganizationSettings settings;

    @Test
    void aNewOrganizationGetsItsSettingsRowAndDefaultSeriesOnceItsCreationCommits(Scenario scenario) {
        UUID orgId = UUID.randomUUID();
        scenario.publish(new OrganizationCreated(orgId, "Module test", OrganizationKind.SHOP, UUID.randomUUID()))
                .andWaitForStateChange(() -> seriesKeys(orgId), keys -> keys.size() == 4)
                .andVerify(keys -> {
                    assertThat(keys).containsExactly("custom_parts", "orders", "rma", "units");
                    assertThat(settingsRows(orgId)).isEqualTo(1);
                });
        assertThat(TenantContext.callAs(Tenant.system(orgId), () -> settings.nextNumber("custom_parts")))
                .isEqualTo("700-000001");
    }

    @Test
    void anotherOrganizationsCreationLeavesThisOneUntouched(Scenario scenario) {
        UUID mine = UUID.randomUUID();
        UUID theirs = UUID.randomUUID();
        scenario.publish(new OrganizationCreated(theirs, "Theirs", OrganizationKind.BRAND, UUID.randomUUID()))
                .andWaitForStateChange(() -> seriesKeys(theirs), keys -> keys.size() == 4)
                .andVerify(keys -> assertThat(seriesKeys(mine)).isEmpty());
        assertThat(settingsRows(mine)).isZero();
    }

    private long settingsRows(UUID orgId) {
        return TenantContext.callAs(
                Tenant.system(orgId),
                () -> transactions.execute(status -> jdbc.sql("select count(*) from settings.organization_settings")
                        .query(Long.class)
                        .single()));
    }

    private List<String> seriesKeys(UUID orgId) {
        return TenantContext.callAs(
                Tenant.system(orgId),
                () -> transactions.execute(status -> jdbc.sql("select key from settings.numbering_series order by key")
                        .query(String.class)
                        .list()));
    }
}
