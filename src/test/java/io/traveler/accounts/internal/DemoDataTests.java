package io.traveler.accounts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.testing.ApplicationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo organizations of {@code traveler.demo-data=true} as the application loads them when it is ready (the
 * other modules' demo data, which follows their event, is tested by each module): the factory accepts the brand's
 * partnership without having read it first, as a start has no version to send.
 */
@ApplicationTest
class DemoDataTests {
    @Autowired
    SignupService signup;

    @Autowired
    Users users;

    @Autowired
    LocationService locations;

    @Autowired
    StaffService staff;

    @Autowired
    MemberService members;

    @Autowired
    Roles roles;

    @Autowired
    PartnershipService partnerships;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void theDemoOrganizationsLoadWithAnActivePartnershipOnceAndOnlyOnce() {
        List<Object> published = new ArrayList<>();
        var demo = new DemoData(
                signup, users, locations, staff, members, roles, partnerships, transactions, published::add);

        demo.load();
        demo.load();

        assertThat(published)
                .as("loaded once: the second start finds it present")
                .hasSize(1);
        var factory = users.findByEmailIgnoreCase("admin@factory.demo").orElseThrow();
        assertThat(users.findByEmailIgnoreCase("admin@brand.demo")).isPresent();
        assertThat(users.findByEmailIgnoreCase("admin@shop.demo")).isPresent();
        var loaded = (io.traveler.accounts.DemoOrganizationsLoaded) published.getFirst();
        var accepted = TenantContext.callAs(
                Tenant.user(loaded.factoryOrgId(), loaded.factoryAdminId()), () -> partnerships.list().stream()
                        .map(view -> view.partnership().status())
                        .toList());
        assertThat(accepted).containsExactly(Partnership.Status.ACTIVE);
        assertThat(factory.id()).isEqualTo(loaded.factoryAdminId());
    }
}
