package io.traveler.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.catalog.internal.Bom;
import io.traveler.shared.errors.ConflictException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The BOM state machine: every step either makes a legal move or is refused and changes nothing. */
class BomProperties {
    enum Step {
        SUBMIT,
        APPROVE,
        ACTIVATE,
        ACTIVATE_AS_ADMINISTRATOR,
        SUPERSEDE
    }

    private static final Map<Bom.Status, Set<Bom.Status>> LEGAL = Map.of(
            Bom.Status.DRAFT, Set.of(Bom.Status.PENDING_APPROVAL, Bom.Status.ACTIVE),
            Bom.Status.PENDING_APPROVAL, Set.of(Bom.Status.APPROVED),
            Bom.Status.APPROVED, Set.of(Bom.Status.ACTIVE),
            Bom.Status.ACTIVE, Set.of(Bom.Status.SUPERSEDED),
            Bom.Status.SUPERSEDED, Set.of());

    @Property
    void onlyLegalTransitionsEverHappen(@ForAll("steps") List<Step> steps) {
        var bom = new Bom(UUID.randomUUID(), 1, null, null);
        for (Step step : steps) {
            Bom.Status before = bom.status();
            try {
                switch (step) {
                    case SUBMIT -> bom.submit();
                    case APPROVE -> bom.approve();
                    case ACTIVATE -> bom.activate(false);
                    case ACTIVATE_AS_ADMINISTRATOR -> bom.activate(true);
                    case SUPERSEDE -> bom.supersede();
                }
                assertThat(LEGAL.get(before)).contains(bom.status());
                if (before == Bom.Status.DRAFT && bom.status() == Bom.Status.ACTIVE) {
                    assertThat(step).isEqualTo(Step.ACTIVATE_AS_ADMINISTRATOR);
                }
            } catch (ConflictException refused) {
                assertThat(bom.status()).isEqualTo(before);
            }
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Arbitraries.of(Step.class).list().ofMaxSize(12);
    }
}
