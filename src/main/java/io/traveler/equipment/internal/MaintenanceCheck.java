package io.traveler.equipment.internal;

import io.traveler.equipment.MaintenanceDue;
import io.traveler.settings.OrganizationSettings;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily maintenance check: announces ({@link MaintenanceDue}) every plan that has fallen due, once per plan and
 * due mark. {@code equipment.orgs_with_maintenance_due} (migration equipment V1, the one way across row-level
 * security) names the organizations with something to announce; each is then checked in its own context and
 * transaction, where its time zone decides which day "today" is. The announcement rows and the events commit
 * together; the rows' unique key makes a second run, or a second node, announce nothing again. One organization
 * failing leaves the others announced and itself to the next run.
 */
@Component
class MaintenanceCheck {
    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceCheck.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final OrganizationSettings settings;
    private final ApplicationEventPublisher events;

    MaintenanceCheck(
            JdbcClient jdbc,
            PlatformTransactionManager transactionManager,
            OrganizationSettings settings,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.settings = settings;
        this.events = events;
    }

    /** What the recurring task does at {@code now}; the number of plans it announced. */
    int announceAt(Instant now) {
        List<UUID> orgs =
                transactions.execute(s -> jdbc.sql("select org_id from equipment.orgs_with_maintenance_due(:at)")
                        .param("at", Timestamp.from(now))
                        .query(UUID.class)
                        .list());
        int announced = 0;
        for (UUID org : orgs) {
            try {
                announced += TenantContext.callAs(Tenant.system(org), () -> transactions.execute(s -> announceIn(now)));
            } catch (RuntimeException e) {
                LOG.warn("Maintenance check failed in organization {}; it is retried at the next run", org, e);
            }
        }
        if (announced > 0) {
            LOG.info("Maintenance check: {} plan(s) due in {} organization(s) announced", announced, orgs.size());
        }
        return announced;
    }

    /** In the current organization: every plan due today there and not yet announced at its due mark. */
    private int announceIn(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneId.of(settings.current().timezone()));
        List<MaintenanceDue> due = jdbc.sql("""
                        with announced as (
                            insert into equipment.maintenance_announcements (org_id, plan_id, due_on, due_hours,
                                    announced_at)
                            select p.org_id, p.id, p.next_due_on, p.next_due_hours, :now
                              from equipment.maintenance_plans p
                              join equipment.equipment e on e.org_id = p.org_id and e.id = p.equipment_id
                             where p.org_id = :org and e.status <> 'RETIRED'
                               and (p.next_due_on <= :today or e.hours_used >= p.next_due_hours)
                            on conflict do nothing
                            returning plan_id, due_on)
                        select p.org_id, p.equipment_id, e.code, p.id, p.name,
                               case when a.due_on <= :today then a.due_on else :today end as due_on
                          from announced a
                          join equipment.maintenance_plans p on p.org_id = :org and p.id = a.plan_id
                          join equipment.equipment e on e.org_id = p.org_id and e.id = p.equipment_id
                         order by e.code, p.name
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("today", today)
                .param("now", Timestamp.from(now))
                .query((rs, n) -> new MaintenanceDue(
                        rs.getObject("org_id", UUID.class),
                        rs.getObject("equipment_id", UUID.class),
                        rs.getString("code"),
                        rs.getObject("id", UUID.class),
                        rs.getString("name"),
                        rs.getObject("due_on", LocalDate.class),
                        now))
                .list();
        due.forEach(events::publishEvent);
        return due.size();
    }
}
