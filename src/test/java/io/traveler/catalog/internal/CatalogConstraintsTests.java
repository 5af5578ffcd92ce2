package io.traveler.catalog.internal;

import static io.traveler.catalog.internal.DirectCatalog.line;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Tenants;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The catalog's rules kept by the database itself, whatever SQL the application sends. */
@ApplicationTest
class CatalogConstraintsTests {
    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    Tenants.Member owner;
    DirectCatalog fixtures;

    @BeforeEach
    void setUp() {
        owner = Tenants.in(context).organization("FACTORY");
        fixtures = DirectCatalog.of(context, owner);
    }

    @Test
    void theDatabaseRefusesDimensionsThatAreNotAnObject() {
        UUID part = fixtures.part("DB-1", BigDecimal.ONE, null);
        assertThatThrownBy(() -> owner.run(() -> transactions.executeWithoutResult(
                        s -> jdbc.sql("update catalog.parts set dimensions = '[1, 2]' where id = :id")
                                .param("id", part)
                                .update())))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("parts_dimensions_object");
    }

    @Test
    void theDatabaseKeepsBomLinesAndTheirComponentsTogether() {
        UUID part = fixtures.part("DB-P", BigDecimal.ONE, null);
        UUID bom = fixtures.draft(fixtures.product("DB-A"), line(Bom.ComponentType.PART, part, "1", "0"));

        assertThatThrownBy(() -> owner.run(() ->
                        transactions.executeWithoutResult(s -> jdbc.sql("delete from catalog.parts where id = :id")
                                .param("id", part)
                                .update())))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("is named by a BOM line");
        assertThatThrownBy(() -> owner.run(() -> transactions.executeWithoutResult(s -> jdbc.sql("""
                                        insert into catalog.bom_lines (org_id, id, bom_id, sequence, component_type,
                                                                       component_id, quantity, created_at, updated_at)
                                        values (:org, :id, :bom, 2, 'PRODUCT', :missing, 1, now(), now())
                                        """)
                        .param("org", owner.orgId())
                        .param("id", UUID.randomUUID())
                        .param("bom", bom)
                        .param("missing", UUID.randomUUID())
                        .update())))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("does not exist");
    }
}
