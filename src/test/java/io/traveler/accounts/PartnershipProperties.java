package io.traveler.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.accounts.internal.Partnership;
import io.traveler.shared.errors.TravelerException;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The partnership state machine: PENDING → ACTIVE (by the factory only) → ENDED, and ENDED is final. */
class PartnershipProperties {
    enum Step {
        FACTORY_ACCEPTS,
        BRAND_ACCEPTS,
        STRANGER_ACCEPTS,
        END
    }

    @Property
    void onlyLegalTransitionsEverHappen(@ForAll("steps") List<Step> steps) {
        UUID brand = UUID.randomUUID();
        UUID factory = UUID.randomUUID();
        var partnership = new Partnership(brand, factory, UUID.randomUUID(), null);
        boolean accepted = false;
        boolean ended = false;
        for (Step step : steps) {
            Partnership.Status before = partnership.status();
            boolean refused = false;
            try {
                switch (step) {
                    case FACTORY_ACCEPTS -> partnership.acceptBy(factory);
                    case BRAND_ACCEPTS -> partnership.acceptBy(brand);
                    case STRANGER_ACCEPTS -> partnership.acceptBy(UUID.randomUUID());
                    case END -> partnership.end();
                }
            } catch (TravelerException e) {
                refused = true;
            }
            switch (step) {
                case FACTORY_ACCEPTS -> {
                    assertThat(refused).isEqualTo(before != Partnership.Status.PENDING);
                    accepted |= !refused;
                }
                case BRAND_ACCEPTS, STRANGER_ACCEPTS -> assertThat(refused).isTrue();
                case END -> {
                    assertThat(refused).isEqualTo(before == Partnership.Status.ENDED);
                    ended = true;
                }
            }
            if (refused) {
                assertThat(partnership.status()).isEqualTo(before);
            }
        }
        assertThat(partnership.acceptedAt() != null).isEqualTo(accepted);
        assertThat(partnership.status() == Partnership.Status.ENDED).isEqualTo(ended);
        assertThat(partnership.status() == Partnership.Status.ACTIVE).isEqualTo(accepted && !ended);
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Arbitraries.of(Step.class).list().ofMaxSize(12);
    }
}
