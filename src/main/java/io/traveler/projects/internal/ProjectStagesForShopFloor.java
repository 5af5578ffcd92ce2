package io.traveler.projects.internal;

import io.traveler.projects.OrderSource;
import io.traveler.projects.ProjectStages;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.tenancy.TenantContext;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The projects module's answers to the shop floor: a project's job and its stages following the units. */
@Service
class ProjectStagesForShopFloor implements ProjectStages {
    private final ProjectRepository projects;
    private final StageInstances stages;
    private final StageFlow flow;
    private final OrderSource orders;
    private final JdbcClient jdbc;

    ProjectStagesForShopFloor(
            ProjectRepository projects, StageInstances stages, StageFlow flow, OrderSource orders, JdbcClient jdbc) {
        this.projects = projects;
        this.jdbc = jdbc;
        this.stages = stages;
        this.flow = flow;
        this.orders = orders;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Job> job(UUID projectId) {
        return projects.findById(projectId).map(this::jobOf);
    }

    private Job jobOf(Project project) {
        String priority = project.orderId() == null
                ? "NORMAL"
                : orders.order(project.orderId())
                        .map(OrderSource.OrderForProjects::priority)
                        .orElse("NORMAL");
        return new Job(
                project.id(),
                project.code(),
                project.name(),
                project.status().name(),
                project.quantity(),
                project.dueDate(),
                priority,
                project.orderId(),
                project.productId(),
                project.bomId(),
                project.workflowId(),
                stages.findOfProject(project.id()).stream()
                        .map(s -> new Stage(
                                s.id(),
                                s.stageId(),
                                s.position(),
                                s.name(),
                                s.stationId(),
                                s.status().name()))
                        .toList());
    }

    @Override
    @Transactional
    public void addMaterialsCost(UUID projectId, BigDecimal amount) {
        int changed = jdbc.sql("""
                        update projects.projects set materials_cost = greatest(0, materials_cost + :amount)
                         where org_id = :org and id = :id
                        """)
                .param("amount", amount)
                .param("org", TenantContext.requireOrgId())
                .param("id", projectId)
                .update();
        if (changed == 0) {
            throw NotFoundException.of("Project", projectId);
        }
    }

    @Override
    public void followUnits(UUID projectId, Integer earliestOpenPosition) {
        flow.followUnits(projectId, earliestOpenPosition);
    }
}
