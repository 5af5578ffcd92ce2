package io.traveler.catalog.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.catalog.internal.Bom;
import io.traveler.catalog.internal.BomService;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The BOM tree page's roll-up: sub-assemblies sum their lines, substitutes hang under their primary. */
class BomTreePageTests {
    private static final UUID WHEEL = UUID.randomUUID();

    @Test
    void rollsCostAndWeightUpThroughSubAssembliesAndLeavesSubstitutesOut() {
        var wheel = line("0001", Bom.ComponentType.PRODUCT, null, null, null, false);
        var bolt = line("0001/0001", Bom.ComponentType.PART, "2.00", "0.4", "bolts", false);
        var stainlessBolt = line("0001/0002", Bom.ComponentType.PART, "3.00", "0.5", "bolts", true);
        var rim = line("0001/0003", Bom.ComponentType.PART, "10.00", "1.1", null, false);
        var frame = line("0002", Bom.ComponentType.PART, "50.00", "4", null, false);

        var tree = BomPages.treeOf(new BomService.Explosion(
                new BigDecimal("62.00"), new BigDecimal("5.5"), 3, List.of(wheel, bolt, stainlessBolt, rim, frame)));

        assertThat(tree.lines()).extracting(BomPages.Node::getLine).containsExactly(wheel, frame);
        BomPages.Node wheelNode = tree.lines().getFirst();
        assertThat(wheelNode.getChildren()).extracting(BomPages.Node::getLine).containsExactly(bolt, rim);
        BomPages.Node boltNode = wheelNode.getChildren().getFirst();
        assertThat(boltNode.getSubstitutes()).extracting(BomPages.Node::getLine).containsExactly(stainlessBolt);
        assertThat(boltNode.isBranch()).isTrue();
        assertThat(boltNode.getSubstituteGroup()).isEqualTo("bolts");
        assertThat(wheelNode.getCostText()).isEqualTo("12.00");
        assertThat(wheelNode.getWeightText()).isEqualTo("1.5");
        assertThat(tree.getCost()).isEqualTo("62.00");
        assertThat(tree.getWeight()).isEqualTo("5.5");
    }

    private static BomService.ExplodedLine line(
            String path, Bom.ComponentType type, String cost, String weight, String group, boolean substitute) {
        return new BomService.ExplodedLine(
                path.split("/").length,
                path,
                type,
                UUID.randomUUID(),
                path,
                path,
                BigDecimal.ONE,
                BigDecimal.ONE,
                "pcs",
                cost == null ? null : new BigDecimal(cost),
                cost == null ? null : new BigDecimal(cost),
                weight == null ? null : new BigDecimal(weight),
                group,
                substitute);
    }
}
