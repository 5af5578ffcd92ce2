package io.traveler.tasks.internal;

import io.traveler.accounts.Accounts;
import io.traveler.accounts.Accounts.EmployeeRef;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.tasks.Tasks.TaskView;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a signed-in user has to do: the open tasks assigned to their employee record and those of the stations they
 * belong to, with their running timer. A user without an employee record has none.
 */
@Service
public class MyWork {
    public record Today(
            Optional<EmployeeRef> employee, List<TaskView> tasks, Optional<TimeKeeping.Timer> runningTimer) {}

    private final Accounts accounts;
    private final TaskService tasks;
    private final TimeKeeping time;
    private final JdbcClient jdbc;

    MyWork(Accounts accounts, TaskService tasks, TimeKeeping time, JdbcClient jdbc) {
        this.accounts = accounts;
        this.tasks = tasks;
        this.time = time;
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Today of(UUID userId) {
        Optional<EmployeeRef> employee = accounts.employeeOfUser(userId);
        if (employee.isEmpty()) {
            return new Today(employee, List.of(), Optional.empty());
        }
        EmployeeRef e = employee.get();
        return new Today(employee, tasks.openTasksOf(e.id(), e.stationIds(), 200), time.runningOf(e.id()));
    }

    @Transactional(readOnly = true)
    public long openTaskCount(UUID userId) {
        return accounts.employeeOfUser(userId)
                .map(e -> {
                    var statement = jdbc.sql(
                                    "select count(*) from tasks.tasks t where t.org_id = :org and t.status <> 'DONE'"
                                            + " and (t.employee_id = :employee"
                                            + (e.stationIds().isEmpty()
                                                    ? ")"
                                                    : " or (t.assignee_type = 'STATION' and t.station_id in (:stations)))"))
                            .param("org", TenantContext.requireOrgId())
                            .param("employee", e.id());
                    if (!e.stationIds().isEmpty()) {
                        statement = statement.param("stations", e.stationIds());
                    }
                    return statement.query(Long.class).single();
                })
                .orElse(0L);
    }
}
