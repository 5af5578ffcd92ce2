package io.traveler.production.internal;

import io.traveler.projects.ProjectStages;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A project's stages follow its units: after a change that moved units out of a stage commits, the earliest stage
 * still holding an open unit becomes the project's stage (none: the project completes, and its order follows).
 * Runs after the commit on another thread, recorded in the event publication registry until done, reading committed
 * state; {@link ProjectStages#followUnits} takes the project's row lock, so the last of concurrent runs sees every
 * unit's commit. Not {@code @ApplicationModuleListener}: its transaction would open before the tenant is set.
 */
@Component
class ProjectFollowing {
    private final JdbcClient jdbc;
    private final ProjectStages projects;
    private final TransactionTemplate transactions;

    ProjectFollowing(JdbcClient jdbc, ProjectStages projects, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.projects = projects;
        this.transactions = transactions;
    }

    @Async
    @TransactionalEventListener
    void on(UnitsMoved moved) {
        TenantContext.runAs(Tenant.system(moved.orgId()), () -> follow(moved.orgId(), moved.projectId()));
    }

    void follow(UUID orgId, UUID projectId) {
        transactions.executeWithoutResult(status -> {
            // The project's lock first, then the units: a run that read the units before another's move could
            // otherwise take the project back to a stage its units have all left since.
            jdbc.sql("select id from projects.projects where org_id = :org and id = :project for update")
                    .param("org", orgId)
                    .param("project", projectId)
                    .query(UUID.class)
                    .optional();
            Integer earliest = jdbc.sql("""
                            select min(stage_position) from production.units
                             where org_id = :org and project_id = :project and unfinished""")
                    .param("org", orgId)
                    .param("project", projectId)
                    .query(Integer.class)
                    .optional()
                    .orElse(null);
            projects.followUnits(projectId, earliest);
        });
    }
}
