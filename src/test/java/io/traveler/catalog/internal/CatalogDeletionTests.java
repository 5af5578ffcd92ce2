package io.traveler.catalog.internal;

import static io.traveler.catalog.internal.DirectCatalog.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.VersionRequiredException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Tenants;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** What may be deleted from the catalog, and the refusal that says why not: the services, without HTTP. */
@ApplicationTest
class CatalogDeletionTests {
    @Autowired
    ApplicationContext context;

    @Autowired
    CatalogService catalog;

    @Autowired
    BomService boms;

    Tenants tenants;
    Tenants.Member owner;
    DirectCatalog fixtures;

    @BeforeEach
    void setUp() {
        tenants = Tenants.in(context);
        owner = tenants.organization("FACTORY");
        fixtures = DirectCatalog.of(context, owner);
    }

    @Test
    void aCategoryIsDeletedOnlyWhenNothingIsFiledUnderIt() {
        UUID root = fixtures.category("ROOT", null);
        UUID child = fixtures.category("ROOT.1", root);
        UUID holder = fixtures.category("HOLD", null);
        fixtures.part("P-1", BigDecimal.ONE, holder);
        fixtures.product("PR-1", holder);

        assertThatThrownBy(() -> owner.run(() -> catalog.deleteCategory(root, ExpectedVersion.of(0))))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("1 sub-category");
        assertThatThrownBy(() -> owner.run(() -> catalog.deleteCategory(holder, ExpectedVersion.of(0))))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("1 part")
                .hasMessageContaining("1 product");
        assertThatThrownBy(() -> owner.run(() -> catalog.deleteCategory(child, ExpectedVersion.none())))
                .isInstanceOf(VersionRequiredException.class);

        owner.run(() -> catalog.deleteCategory(child, ExpectedVersion.of(0)));
        owner.run(() -> catalog.deleteCategory(root, ExpectedVersion.of(0)));
        assertThatThrownBy(() -> owner.run(() -> catalog.category(root))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aProductUsedAsAComponentOrWithBomsBeyondDraftOrWithVariantsIsKept() {
        UUID part = fixtures.part("P-1", BigDecimal.ONE, null);
        UUID sub = fixtures.product("SUB");
        UUID top = fixtures.product("TOP");
        fixtures.draft(top, line(Bom.ComponentType.PRODUCT, sub, "1", "0"));
        assertThatThrownBy(() -> owner.run(() -> catalog.deleteProduct(sub, ExpectedVersion.any())))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("TOP");

        UUID active = fixtures.product("ACTIVE");
        fixtures.activeBom(active, line(Bom.ComponentType.PART, part, "2", "0"));
        assertThatThrownBy(() -> owner.run(() -> catalog.deleteProduct(active, ExpectedVersion.any())))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("ACTIVE");

        UUID varied = fixtures.product("VARIED");
        fixtures.variant(varied, "Small");
        assertThatThrownBy(() -> owner.run(() -> catalog.deleteProduct(varied, ExpectedVersion.any())))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("variants");

        assertThatThrownBy(() -> owner.run(() -> catalog.deletePart(part, ExpectedVersion.any())))
                .isInstanceOf(ConflictException.class);
        assertThat(owner.call(() -> catalog.product(sub).sku())).isEqualTo("SUB");
    }

    @Test
    void aProductWithOnlyDraftBomsIsDeletedWithThem() {
        UUID part = fixtures.part("P-1", BigDecimal.ONE, null);
        UUID product = fixtures.product("DRAFTY");
        UUID first = fixtures.draft(product, line(Bom.ComponentType.PART, part, "1", "0"));
        UUID revision = owner.call(() -> boms.revise(first).bom().id());

        owner.run(() -> catalog.deleteProduct(product, ExpectedVersion.any()));

        assertThatThrownBy(() -> owner.run(() -> catalog.product(product))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> owner.run(() -> boms.bom(first))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> owner.run(() -> boms.bom(revision))).isInstanceOf(NotFoundException.class);
        assertThat(owner.call(() -> boms.whereUsed(Bom.ComponentType.PART, part)))
                .isEmpty();
        owner.run(() -> catalog.deletePart(part, ExpectedVersion.any()));
    }

    @Test
    void anotherOrganizationCannotDeleteWhatItCannotSee() {
        var stranger = tenants.organization("FACTORY");
        UUID product = fixtures.product("MINE");
        UUID category = fixtures.category("MINE", null);

        assertThatThrownBy(() -> stranger.run(() -> catalog.deleteProduct(product, ExpectedVersion.any())))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> stranger.run(() -> catalog.deleteCategory(category, ExpectedVersion.any())))
                .isInstanceOf(NotFoundException.class);
        assertThat(owner.call(() -> catalog.product(product).sku())).isEqualTo("MINE");
    }
}
