package io.traveler.orders.internal;

import io.traveler.orders.OrderPhase;
import io.traveler.projects.ProjectCompleted;
import io.traveler.projects.ProjectStarted;
import io.traveler.projects.Projects;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An order follows its projects: APPROVAL → PRODUCTION when its first project starts, PRODUCTION →
 * QUALITY_CONTROL when all its projects are complete; the SYSTEM actor moves it, with the reason in the history.
 * Idempotent (an order already further along, or elsewhere, is left alone), and a move the organization's
 * transition table forbids is not made. Runs after the project's transaction commits, on another thread, recorded
 * in the event publication registry until done (not {@code @ApplicationModuleListener}, whose transaction would
 * open before the tenant is set).
 */
@Component
class ProjectProgressListener {
    private static final Logger log = LoggerFactory.getLogger(ProjectProgressListener.class);

    private final Orders orders;
    private final PhaseTransitions transitions;
    private final Projects projects;
    private final TransactionTemplate transactions;

    ProjectProgressListener(
            Orders orders, PhaseTransitions transitions, Projects projects, TransactionTemplate transactions) {
        this.orders = orders;
        this.transitions = transitions;
        this.projects = projects;
        this.transactions = transactions;
    }

    @Async
    @TransactionalEventListener
    void on(ProjectStarted started) {
        if (started.orderId() != null) {
            follow(
                    started.orgId(),
                    started.orderId(),
                    OrderPhase.APPROVAL,
                    OrderPhase.PRODUCTION,
                    "Project " + started.code() + " started");
        }
    }

    @Async
    @TransactionalEventListener
    void on(ProjectCompleted completed) {
        if (completed.orderId() != null) {
            follow(
                    completed.orgId(),
                    completed.orderId(),
                    OrderPhase.PRODUCTION,
                    OrderPhase.QUALITY_CONTROL,
                    "All projects complete (the last: " + completed.code() + ")");
        }
    }

    private void follow(UUID orgId, UUID orderId, OrderPhase from, OrderPhase to, String reason) {
        TenantContext.runAs(
                Tenant.system(orgId),
                () -> transactions.executeWithoutResult(status -> {
                    var order = orders.lockOwned(orderId, orgId).orElse(null);
                    if (order == null || order.phase() != from) {
                        return;
                    }
                    if (to == OrderPhase.QUALITY_CONTROL && !projects.allProjectsComplete(orderId)) {
                        return;
                    }
                    boolean allowed = transitions.allowedTargets(orderId).stream()
                            .anyMatch(target -> target.phase() == to && target.allowed());
                    if (!allowed) {
                        log.info(
                                "Order {} stays {}: its transition table does not allow {} ({})",
                                orderId,
                                from,
                                to,
                                reason);
                        return;
                    }
                    transitions.transition(orderId, to, reason, ExpectedVersion.none());
                }));
    }
}
