package io.traveler.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VariantCodesTests {
    @Test
    void drawsFiveCharactersOfCrockfordsAlphabet() {
        var random = new Random(7);
        for (int i = 0; i < 1_000; i++) {
            String code = VariantCodes.draw(random, c -> false);
            assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{5}");
            assertThat(VariantCodes.isCode(code)).isTrue();
        }
        assertThat(VariantCodes.isCode("ABCDI")).isFalse();
        assertThat(VariantCodes.isCode("ABCD")).isFalse();
    }

    @Test
    void drawsManyDistinctFreeCodesAskingOncePerRound() {
        Set<String> stored = new HashSet<>();
        var random = new Random(3);
        for (int i = 0; i < 50; i++) {
            stored.add(VariantCodes.draw(random, c -> false));
        }
        var rounds = new ArrayList<Set<String>>();
        var firstRandom = new Random(3);
        var codes = VariantCodes.drawMany(firstRandom, 80, candidates -> {
            rounds.add(Set.copyOf(candidates));
            Set<String> taken = new HashSet<>(candidates);
            taken.retainAll(stored);
            return taken;
        });

        assertThat(codes).hasSize(80).doesNotHaveDuplicates().noneMatch(stored::contains);
        assertThat(rounds.getFirst()).hasSize(80).containsAll(stored);
        assertThat(rounds).hasSize(2);
        assertThat(rounds.get(1)).hasSize(50);
    }

    @Test
    void drawsAgainWhileTheCodeIsTaken() {
        Set<String> asked = new HashSet<>();
        String code = VariantCodes.draw(new Random(1), c -> asked.add(c) && asked.size() <= 3);
        assertThat(asked).hasSize(4).contains(code);
    }
}
