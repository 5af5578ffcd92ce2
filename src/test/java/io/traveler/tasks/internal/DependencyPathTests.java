package io.traveler.tasks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cycle check walks each task once. A graph of diamonds has as many paths as 2 to the power of its layers; a
 * check that followed paths (as the first one, a recursive SQL query, did) would never end on this one.
 */
class DependencyPathTests {
    @Test
    @Timeout(5)
    void aGraphOfSixtyLayersOfDiamondsIsSearchedOnceThroughAndTheCycleItWouldCloseIsNamed() {
        List<UUID[]> layers = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            layers.add(new UUID[] {UUID.randomUUID(), UUID.randomUUID()});
        }
        Map<UUID, List<UUID>> dependsOn = new HashMap<>();
        for (int i = 0; i + 1 < layers.size(); i++) {
            for (UUID task : layers.get(i)) {
                dependsOn.put(task, List.of(layers.get(i + 1)));
            }
        }
        UUID top = layers.getFirst()[0];
        UUID bottom = layers.getLast()[1];

        assertThat(TaskService.pathBack(UUID.randomUUID(), Set.of(top), dependsOn))
                .as("a task no path leads back to")
                .isEmpty();

        List<UUID> cycle = TaskService.pathBack(bottom, Set.of(top), dependsOn);
        assertThat(cycle).hasSize(layers.size() + 1);
        assertThat(cycle.getFirst()).isEqualTo(bottom);
        assertThat(cycle.get(1)).isEqualTo(top);
        assertThat(cycle.getLast()).isEqualTo(bottom);
        for (int i = 1; i + 1 < cycle.size(); i++) {
            assertThat(dependsOn.get(cycle.get(i)))
                    .as("step %d follows a dependency", i)
                    .contains(cycle.get(i + 1));
        }
    }
}
