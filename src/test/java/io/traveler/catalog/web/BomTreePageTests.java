package io.traveler.catalog.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.catalog.internal.Bom;
import io.traveler.catalog.internal.BomService;
import io.traveler.catalog.internal.CatalogBrowsing;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The BOM tree page's roll-up: sub-assemblies sum their lines, substitutes hang under their primary. */
class BomTreePageTests {
    private static final UUID WHEEL = UUID.randomUUID();

    @Test
    void rollsCostAndWeightUpThroughSubAssembliesAndLeavesSubstitutesOut() {
        var wheel = node("0001", Bom.ComponentType.PRODUCT, WHEEL, null, null);
        var bolt = node("0001/0001", Bom.ComponentType.PART, UUID.randomUUID(), "2.00", "0.4");
        var stainlessBolt = node("0001/0002", Bom.ComponentType.PART, UUID.randomUUID(), "3.00", "0.5");
        var rim = node("0001/0003", Bom.ComponentType.PART, UUID.randomUUID(), "10.00", "1.1");
        wheel.children.addAll(List.of(bolt, stainlessBolt, rim));
        var frame = node("0002", Bom.ComponentType.PART, UUID.randomUUID(), "50.00", "4");
        List<BomPages.Node> top = new ArrayList<>(List.of(wheel, frame));

        BomPages.placeSubstitutes(
                top,
                null,
                Map.of(
                        WHEEL + "/1", new CatalogBrowsing.LinePlace(WHEEL, 1, "bolts", 0),
                        WHEEL + "/2", new CatalogBrowsing.LinePlace(WHEEL, 2, "bolts", 1)));
        var tree = new BomPages.Tree(top);

        assertThat(wheel.getChildren()).containsExactly(bolt, rim);
        assertThat(bolt.getSubstitutes()).containsExactly(stainlessBolt);
        assertThat(bolt.isBranch()).isTrue();
        assertThat(wheel.getCostText()).isEqualTo("12.00");
        assertThat(wheel.getWeightText()).isEqualTo("1.5");
        assertThat(tree.getCost()).isEqualTo("62.00");
        assertThat(tree.getWeight()).isEqualTo("5.5");
    }

    private static BomPages.Node node(String path, Bom.ComponentType type, UUID id, String cost, String weight) {
        return new BomPages.Node(new BomService.ExplodedLine(
                path.split("/").length,
                path,
                type,
                id,
                path,
                path,
                BigDecimal.ONE,
                BigDecimal.ONE,
                "pcs",
                cost == null ? null : new BigDecimal(cost),
                cost == null ? null : new BigDecimal(cost),
                weight == null ? null : new BigDecimal(weight)));
    }
}
