package io.traveler.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traveler.catalog.Catalog;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.PageSession;
import io.traveler.testing.Tenants;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * What a BOM consumes for a quantity, as inventory reserves it: primary part leaves with their waste, sub-products
 * exploded, substitutes and optional lines left out, each under its top-level line's stage, summed per part and
 * stage (stages named in any case are one).
 */
@ApplicationTest
class BomMaterialsTests {
    @Autowired
    ApplicationContext context;

    @Autowired
    CatalogService catalog;

    @Autowired
    BomService boms;

    @LocalServerPort
    int port;

    Tenants.Member owner;
    DirectCatalog fixtures;

    @BeforeEach
    void setUp() {
        owner = Tenants.in(context).organization("FACTORY");
        fixtures = DirectCatalog.of(context, owner);
    }

    @Test
    void materialsArePrimaryPartLeavesSummedPerPartAndTopLevelStage() {
        UUID screw = fixtures.part("SCREW", BigDecimal.ONE, null);
        UUID board = fixtures.part("BOARD", BigDecimal.ONE, null);
        UUID altBoard = fixtures.part("ALT-BOARD", BigDecimal.ONE, null);
        UUID glue = fixtures.part("GLUE", BigDecimal.ONE, null);
        UUID drawer = fixtures.product("DRAWER");
        fixtures.activeBom(drawer, DirectCatalog.line(Bom.ComponentType.PART, screw, "4", "0"));
        UUID desk = fixtures.product("DESK");
        UUID bom = fixtures.activeBom(
                desk,
                staged(DirectCatalog.line(Bom.ComponentType.PART, screw, "2", "0.5"), "Assembly"),
                staged(DirectCatalog.line(Bom.ComponentType.PRODUCT, drawer, "2", "0"), " assembly "),
                new BomLines.Line(
                        Bom.ComponentType.PART,
                        board,
                        BigDecimal.ONE,
                        null,
                        BigDecimal.ZERO,
                        false,
                        "top",
                        0,
                        null,
                        "Cutting"),
                new BomLines.Line(
                        Bom.ComponentType.PART,
                        altBoard,
                        BigDecimal.ONE,
                        null,
                        BigDecimal.ZERO,
                        false,
                        "top",
                        1,
                        null,
                        "Cutting"),
                new BomLines.Line(
                        Bom.ComponentType.PART, glue, BigDecimal.ONE, null, BigDecimal.ZERO, true, null, 0, null, null),
                DirectCatalog.line(Bom.ComponentType.PART, screw, "1", "0"));

        List<Catalog.Material> materials = owner.call(() -> catalog.materialsOf(bom, new BigDecimal("3")));

        // screws at Assembly: 2 × 1.5 × 3 = 9 on the desk, 2 × 4 × 3 = 24 in its drawers; 3 more at no stage
        assertThat(materials)
                .extracting(m ->
                        m.partId() + "@" + m.stageName() + "=" + m.quantity().toPlainString())
                .containsExactlyInAnyOrder(screw + "@Assembly=33", board + "@Cutting=3", screw + "@null=3");
        assertThat(owner.call(() -> boms.bom(bom)).lines())
                .extracting(BomLines.Line::stageName)
                .containsExactly("Assembly", "assembly", "Cutting", "Cutting", null, null);
    }

    @Test
    void theBomEditorSavesTheStageThatConsumesALineAndShowsItAgain() throws Exception {
        UUID part = fixtures.part("THREAD", BigDecimal.ONE, null);
        UUID draft =
                fixtures.draft(fixtures.product("SHIRT"), DirectCatalog.line(Bom.ComponentType.PART, part, "1", "0"));
        PageSession pages = PageSession.signIn(port, owner.email());
        String editor = pages.get("/app/catalog/boms/" + draft + "/edit").body();
        assertThat(editor).contains("name=\"stage_name\"");
        var version = java.util.regex.Pattern.compile("name=\"version\" value=\"(\\d+)\"")
                .matcher(editor);
        assertThat(version.find()).isTrue();

        pages.submit(
                "/app/catalog/boms/" + draft + "/edit",
                "action=save&version=" + version.group(1) + "&component=THREAD&quantity=3&unit=&waste_factor=0"
                        + "&optional=false&substitute_group=&preference=0&notes=&stage_name=+Sewing+");

        assertThat(owner.call(() -> boms.bom(draft)).lines())
                .extracting(BomLines.Line::stageName)
                .containsExactly("Sewing");
        assertThat(pages.get("/app/catalog/boms/" + draft + "/edit").body()).contains("value=\"Sewing\"");
    }

    @Test
    void anotherOrganizationsBomIsNotFound() {
        UUID part = fixtures.part("P", BigDecimal.ONE, null);
        UUID bom =
                fixtures.activeBom(fixtures.product("PR"), DirectCatalog.line(Bom.ComponentType.PART, part, "1", "0"));
        Tenants.Member other = Tenants.in(context).organization("FACTORY");

        assertThatThrownBy(() -> other.call(() -> catalog.materialsOf(bom, BigDecimal.ONE)))
                .isInstanceOf(NotFoundException.class);
    }

    private static BomLines.Line staged(BomLines.Line line, String stage) {
        return new BomLines.Line(
                line.componentType(),
                line.componentId(),
                line.quantity(),
                line.unit(),
                line.wasteFactor(),
                line.optional(),
                line.substituteGroup(),
                line.preference(),
                line.notes(),
                stage);
    }
}
