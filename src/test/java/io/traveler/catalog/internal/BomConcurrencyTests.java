package io.traveler.catalog.internal;

import static io.traveler.catalog.internal.DirectCatalog.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.shared.errors.StaleVersionException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Parallel;
import io.traveler.testing.Tenants;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Parallel changes of one product's bills of materials, through the service on real threads and connections. */
@ApplicationTest
class BomConcurrencyTests {
    @Autowired
    ApplicationContext context;

    @Autowired
    BomService boms;

    Tenants.Member owner;
    DirectCatalog fixtures;

    @BeforeEach
    void setUp() {
        owner = Tenants.in(context).organization("FACTORY");
        fixtures = DirectCatalog.of(context, owner);
    }

    @Test
    void concurrentEditsOfOneDraftWithOneVersionLetExactlyOneThrough() {
        UUID part = fixtures.part("P", BigDecimal.ONE, null);
        UUID bom = fixtures.draft(fixtures.product("EDITED"), line(Bom.ComponentType.PART, part, "1", "0"));
        long version = owner.call(() -> boms.bom(bom).bom().version());

        var outcome = Parallel.attempt(
                6,
                i -> owner.call(() -> boms.replaceLines(
                        bom,
                        ExpectedVersion.of(version),
                        List.of(line(Bom.ComponentType.PART, part, String.valueOf(i + 2), "0")))));

        assertThat(outcome.results()).hasSize(1);
        assertThat(outcome.failures()).hasSize(5).allMatch(StaleVersionException.class::isInstance);
        assertThat(owner.call(() -> boms.bom(bom).lines()))
                .singleElement()
                .extracting(l -> l.quantity().stripTrailingZeros())
                .isEqualTo(outcome.results()
                        .getFirst()
                        .lines()
                        .getFirst()
                        .quantity()
                        .stripTrailingZeros());
    }

    @Test
    void concurrentActivationsOfTwoVersionsLeaveExactlyOneActive() {
        UUID part = fixtures.part("P", BigDecimal.ONE, null);
        UUID product = fixtures.product("RACED");
        List<UUID> versions = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            UUID bom = fixtures.draft(product, line(Bom.ComponentType.PART, part, String.valueOf(i + 1), "0"));
            owner.run(() -> boms.submit(bom, ExpectedVersion.none()));
            owner.run(() -> boms.approve(bom, ExpectedVersion.none()));
            versions.add(bom);
        }

        Parallel.run(2, i -> owner.call(() -> boms.activate(versions.get(i), ExpectedVersion.none())));

        assertThat(owner.call(() -> boms.history(product)))
                .extracting(b -> b.status())
                .containsExactlyInAnyOrder(Bom.Status.ACTIVE, Bom.Status.SUPERSEDED);
    }
}
