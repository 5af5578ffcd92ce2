package io.traveler.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traveler.shared.jpa.TenantOwned;
import io.traveler.testing.ApplicationTest;
import io.traveler.testing.Tenants;
import jakarta.persistence.EntityManager;
import jakarta.persistence.metamodel.EntityType;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.hibernate.Session;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The database itself keeps tenants apart, whatever the Java code asks for. */
@ApplicationTest
class RowLevelSecurityTests {
    @Autowired
    ApplicationContext context;

    @Autowired
    DataSource dataSource;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    EntityManager em;

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource ownerDataSource;

    @Test
    void theApplicationRoleOwnsNothingAndCannotBypassRowLevelSecurity() {
        var role = JdbcClient.create(dataSource)
                .sql("select rolsuper, rolbypassrls from pg_roles where rolname = current_user")
                .query((rs, n) -> List.of(rs.getBoolean(1), rs.getBoolean(2)))
                .single();
        assertThat(role).containsExactly(false, false);
        long owned = JdbcClient.create(dataSource)
                // a session's temporary tables (the parts import's COPY target) are its own, seen by no other session
                .sql(
                        "select count(*) from pg_tables where tableowner = current_user and schemaname not like 'pg\\_temp\\_%'")
                .query(Long.class)
                .single();
        assertThat(owned).isZero();
    }

    /**
     * Refresh tokens and sessions name an organization but belong to the account: tokens are found by the hash of a
     * secret before any organization is known, and sessions are only ever read by their own user's id (a person
     * sees their sign-ins in every organization, an organization sees none).
     */
    private static final List<String> GLOBAL_TABLES = List.of("accounts.refresh_tokens", "accounts.sessions");

    @Test
    void everyTenantTableHasRowLevelSecurityEnabledAndForced() {
        List<String> unprotected = JdbcClient.create(dataSource)
                .sql("""
                        select n.nspname || '.' || c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                         join pg_attribute a on a.attrelid = c.oid and a.attname = 'org_id'
                         where c.relkind = 'r' and n.nspname not in ('pg_catalog', 'information_schema')
                           and not (c.relrowsecurity and c.relforcerowsecurity)
                           and n.nspname || '.' || c.relname not in (:global)
                        """)
                .param("global", GLOBAL_TABLES)
                .query(String.class)
                .list();
        assertThat(unprotected).isEmpty();
    }

    @Test
    void nativeQueriesAsTheApplicationRoleSeeOnlyTheirOrganization() {
        var tenants = Tenants.in(context);
        var a = tenants.organization("FACTORY");
        var b = tenants.organization("FACTORY");
        station(a, "A-only");
        station(b, "B-only");

        List<String> seenByA = a.call(() ->
                transactions.execute(status -> em.createNativeQuery("select name from accounts.stations", String.class)
                        .getResultList()));
        assertThat(seenByA).containsExactly("A-only");

        long withoutTenant = transactions.execute(status -> JdbcClient.create(dataSource)
                .sql("select count(*) from accounts.stations")
                .query(Long.class)
                .single());
        assertThat(withoutTenant).isZero();

        long forgedFilter = a.call(() -> transactions.execute(status -> JdbcClient.create(dataSource)
                .sql("select count(*) from accounts.stations where org_id = :b")
                .param("b", b.orgId())
                .query(Long.class)
                .single()));
        assertThat(forgedFilter).isZero();
    }

    @Test
    void rowsCannotBeWrittenIntoAnotherOrganization() {
        var tenants = Tenants.in(context);
        var a = tenants.organization("FACTORY");
        var b = tenants.organization("FACTORY");
        assertThatThrownBy(() -> a.run(() -> transactions.executeWithoutResult(status -> JdbcClient.create(dataSource)
                        .sql("""
                                        insert into accounts.stations (org_id, id, name, status, created_at, updated_at)
                                        values (:b, :id, 'Smuggled', 'ACTIVE', now(), now())
                                        """)
                        .param("b", b.orgId())
                        .param("id", UUID.randomUUID())
                        .update())))
                .rootCause()
                .hasMessageContaining("row-level security");
    }

    /**
     * The second wall: Hibernate scopes every load and query of a tenant-owned entity to the transaction's
     * organization by itself, so the Java side stays scoped even on a table whose row-level security is off. Checked
     * on the owner's connection in one transaction that switches the policies off and is rolled back.
     */
    @Test
    void everyTenantOwnedEntityIsScopedByHibernateEvenWithoutRowLevelSecurity() throws Exception {
        var tenants = Tenants.in(context);
        var a = tenants.organization("FACTORY");
        var b = tenants.organization("FACTORY");
        station(b, "B-only");
        var sessionFactory = em.getEntityManagerFactory().unwrap(SessionFactoryImplementor.class);
        Map<Class<?>, String> tables = new LinkedHashMap<>();
        for (EntityType<?> entity : sessionFactory.getMetamodel().getEntities()) {
            if (TenantOwned.class.isAssignableFrom(entity.getJavaType())) {
                var persister = sessionFactory.getMappingMetamodel().getEntityDescriptor(entity.getJavaType());
                tables.put(entity.getJavaType(), ((AbstractEntityPersister) persister).getTableName());
            }
        }
        assertThat(tables).hasSizeGreaterThan(10);

        try (Connection connection = ownerDataSource.getConnection()) {
            connection.setAutoCommit(false);
            UUID stationOfB = null;
            try (Statement statement = connection.createStatement()) {
                for (String table : tables.values()) {
                    statement.execute("alter table " + table + " disable row level security");
                }
                statement.execute("select set_config('app.org_id', '" + a.orgId() + "', true)");
                try (var rows =
                        statement.executeQuery("select id from accounts.stations where org_id = '" + b.orgId() + "'")) {
                    assertThat(rows.next())
                            .as("another organization's row, visible without RLS")
                            .isTrue();
                    stationOfB = rows.getObject(1, UUID.class);
                }
            }
            try (Session session =
                    sessionFactory.withOptions().connection(connection).openSession()) {
                Class<?> stationType = tables.keySet().stream()
                        .filter(type -> type.getSimpleName().equals("Station"))
                        .findFirst()
                        .orElseThrow();
                assertThat(session.find(stationType, stationOfB)).isNull();
                for (Class<?> type : tables.keySet()) {
                    assertThat(session.createQuery(
                                            "select count(*) from " + type.getSimpleName() + " e where e.orgId <> :a",
                                            Long.class)
                                    .setParameter("a", a.orgId())
                                    .getSingleResult())
                            .as(type.getSimpleName())
                            .isZero();
                }
            } finally {
                connection.rollback();
            }
        }
    }

    private void station(Tenants.Member member, String name) {
        member.run(() -> transactions.executeWithoutResult(status -> JdbcClient.create(dataSource)
                .sql("""
                        insert into accounts.stations (org_id, id, name, status, created_at, updated_at)
                        values (:org, :id, :name, 'ACTIVE', now(), now())
                        """)
                .param("org", member.orgId())
                .param("id", UUID.randomUUID())
                .param("name", name)
                .update()));
    }
}
