package io.traveler.shared.db;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Row-level security keeps organizations apart only for a role it applies to. As soon as Flyway has migrated (or, with
 * Flyway off, once every bean is up), this refuses to let Traveler run when the application's pool connects as a role
 * that escapes it: a superuser, a role with {@code BYPASSRLS}, the owner of a table (who may switch the policies off),
 * or a member of any such role (who may {@code SET ROLE} to it). Checking right after the migration stops a
 * misconfigured deployment before Hibernate and the web server have started.
 */
final class DatabaseRoleCheck implements BeanPostProcessor, SmartInitializingSingleton {
    private final ObjectProvider<DataSource> applicationPool;
    private boolean checked;

    DatabaseRoleCheck(ObjectProvider<DataSource> applicationPool) {
        this.applicationPool = applicationPool;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String name) {
        if (bean instanceof FlywayMigrationInitializer) {
            check();
        }
        return bean;
    }

    @Override
    public void afterSingletonsInstantiated() {
        check();
    }

    /** Thrown at start; its message names the role and each reason. */
    static final class UnsafeDatabaseRole extends IllegalStateException {
        private final String role;
        private final List<String> reasons;

        UnsafeDatabaseRole(String role, List<String> reasons) {
            super("Traveler refuses to start: the application's database role \"" + role
                    + "\" is not subject to row-level security: " + String.join("; ", reasons)
                    + ". Connect the application as a role with NOSUPERUSER NOBYPASSRLS that owns no table and is"
                    + " not a member of the owner (traveler.db.app-username), and migrate as the owner"
                    + " (spring.flyway.user); see README, \"External PostgreSQL\".");
            this.role = role;
            this.reasons = List.copyOf(reasons);
        }

        String role() {
            return role;
        }

        List<String> reasons() {
            return reasons;
        }
    }

    private synchronized void check() {
        if (checked) {
            return;
        }
        checked = true;
        var jdbc = JdbcClient.create(applicationPool.getObject());
        String role = jdbc.sql("select current_user").query(String.class).single();
        List<String> reasons = new ArrayList<>();
        jdbc.sql("""
                        select r.rolname, r.rolsuper, r.rolbypassrls
                          from pg_roles r
                         where pg_has_role(current_user, r.oid, 'MEMBER') and (r.rolsuper or r.rolbypassrls)
                         order by r.rolname <> current_user, r.rolname
                        """)
                .query((rs, n) -> {
                    String name = rs.getString(1);
                    String who = name.equals(role) ? "it" : "it is a member of role \"" + name + "\", which";
                    if (rs.getBoolean(2)) {
                        reasons.add(who + " is a superuser");
                    }
                    if (rs.getBoolean(3)) {
                        reasons.add(who + " has BYPASSRLS");
                    }
                    return name;
                })
                .list();
        List<String> owned = jdbc.sql("""
                        select pg_get_userbyid(c.relowner), n.nspname || '.' || c.relname
                          from pg_class c join pg_namespace n on n.oid = c.relnamespace
                         where c.relkind in ('r', 'p', 'v', 'm', 'f')
                           and n.nspname <> 'information_schema' and n.nspname not like 'pg\\_%'
                           and pg_has_role(current_user, c.relowner, 'MEMBER')
                         order by 1, 2
                        """)
                .query((rs, n) -> (rs.getString(1).equals(role) ? "it" : "its role \"" + rs.getString(1) + "\"")
                        + " owns " + rs.getString(2))
                .list();
        if (!owned.isEmpty()) {
            reasons.add(owned.getFirst() + (owned.size() > 1 ? " and " + (owned.size() - 1) + " more tables" : ""));
        }
        if (!reasons.isEmpty()) {
            throw new UnsafeDatabaseRole(role, reasons);
        }
    }
}
