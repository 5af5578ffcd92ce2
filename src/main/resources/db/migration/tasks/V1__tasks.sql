create schema if not exists tasks;
grant usage on schema tasks to ${app_role};

-- A unit of work of a project, usually at one of its stage instances (ids of the projects module, which depends
-- on this one, so no foreign key can name its tables). A task generated from a station's template for one entry
-- of a stage exists once: (stage_instance_id, stage_entry, template_id) is unique. Assigned to a station, an
-- employee, or nobody.
create table tasks.tasks (
    org_id            uuid        not null,
    id                uuid primary key,
    project_id        uuid        not null,
    stage_instance_id uuid,
    stage_entry       int         check (stage_entry >= 1),
    template_id       uuid,
    title             text        not null check (length(trim(title)) between 1 and 200),
    description       text        check (length(description) <= 4000),
    sequence          int         not null check (sequence between 1 and 10000),
    assignee_type     text        not null check (assignee_type in ('STATION', 'EMPLOYEE', 'NONE')),
    station_id        uuid,
    employee_id       uuid,
    status            text        not null check (status in ('TODO', 'IN_PROGRESS', 'BLOCKED', 'DONE')),
    required          boolean     not null default true,
    estimate_minutes  int         check (estimate_minutes between 0 and 525600),
    due_date          date,
    recurrence_rule   text        check (length(recurrence_rule) between 1 and 500),
    recurs_from_id    uuid,
    started_at        timestamptz,
    completed_at      timestamptz,
    completed_by      uuid,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    version           bigint      not null default 0,
    unique (org_id, id),
    foreign key (org_id, station_id) references accounts.stations (org_id, id),
    foreign key (org_id, employee_id) references accounts.employees (org_id, id),
    foreign key (org_id, recurs_from_id) references tasks.tasks (org_id, id),
    -- An employee's task may also name the station it is done at.
    check ((assignee_type = 'STATION' and station_id is not null and employee_id is null)
        or (assignee_type = 'EMPLOYEE' and employee_id is not null)
        or (assignee_type = 'NONE' and station_id is null and employee_id is null)),
    check ((stage_instance_id is null) = (stage_entry is null)),
    check (template_id is null or stage_instance_id is not null),
    check ((status = 'DONE') = (completed_at is not null))
);
create unique index tasks_once_per_stage_entry_idx
    on tasks.tasks (org_id, stage_instance_id, stage_entry, template_id) where template_id is not null;
-- One next occurrence per completed recurring task.
create unique index tasks_one_recurrence_idx on tasks.tasks (org_id, recurs_from_id) where recurs_from_id is not null;
create index tasks_project_idx on tasks.tasks (org_id, project_id, sequence, id);
create index tasks_stage_idx on tasks.tasks (org_id, stage_instance_id, stage_entry);
create index tasks_station_open_idx on tasks.tasks (org_id, station_id, status) where status <> 'DONE';
create index tasks_employee_open_idx on tasks.tasks (org_id, employee_id, status) where status <> 'DONE';

-- A task cannot start before the tasks it depends on are done; the graph has no cycle (checked under a lock of the
-- project's tasks) and no self-loop.
create table tasks.dependencies (
    org_id        uuid not null,
    task_id       uuid not null,
    depends_on_id uuid not null,
    primary key (org_id, task_id, depends_on_id),
    foreign key (org_id, task_id) references tasks.tasks (org_id, id) on delete cascade,
    foreign key (org_id, depends_on_id) references tasks.tasks (org_id, id) on delete cascade,
    check (task_id <> depends_on_id)
);
create index dependencies_depends_on_idx on tasks.dependencies (org_id, depends_on_id);

create table tasks.checklist_items (
    org_id   uuid        not null,
    id       uuid primary key,
    task_id  uuid        not null,
    position int         not null check (position >= 1),
    label    text        not null check (length(trim(label)) between 1 and 200),
    done     boolean     not null default false,
    done_by  uuid,
    done_at  timestamptz,
    version  bigint      not null default 0,
    unique (org_id, task_id, position),
    foreign key (org_id, task_id) references tasks.tasks (org_id, id) on delete cascade,
    check (done = (done_at is not null))
);

create table tasks.comments (
    org_id     uuid        not null,
    id         uuid primary key,
    task_id    uuid        not null,
    author_id  uuid        not null,
    body       text        not null check (length(trim(body)) between 1 and 4000),
    created_at timestamptz not null,
    foreign key (org_id, task_id) references tasks.tasks (org_id, id) on delete cascade
);
create index comments_task_idx on tasks.comments (org_id, task_id, created_at, id);

-- The one running timer of an employee: the primary key makes a second one impossible, whatever the race.
create table tasks.timers (
    org_id      uuid        not null,
    employee_id uuid        not null,
    task_id     uuid        not null,
    station_id  uuid,
    started_at  timestamptz not null,
    started_by  uuid,
    primary key (org_id, employee_id),
    foreign key (org_id, employee_id) references accounts.employees (org_id, id) on delete cascade,
    foreign key (org_id, task_id) references tasks.tasks (org_id, id) on delete cascade
);

-- The canonical record of labour. Minutes are the duration (ended_at - started_at when both are known). The hourly
-- rate is the one in force when the time was logged (the employee's, else the organization's default), so a
-- later raise does not rewrite past costs; totals are always computed from these rows.
create table tasks.time_logs (
    org_id            uuid           not null,
    id                uuid primary key,
    task_id           uuid           not null,
    project_id        uuid           not null,
    stage_instance_id uuid,
    employee_id       uuid           not null,
    station_id        uuid,
    started_at        timestamptz,
    ended_at          timestamptz,
    minutes           numeric(12, 2) not null check (minutes > 0 and minutes <= 1440 * 31),
    hourly_rate       numeric(19, 4) not null check (hourly_rate >= 0),
    note              text           check (length(note) <= 2000),
    logged_by         uuid,
    created_at        timestamptz    not null,
    foreign key (org_id, task_id) references tasks.tasks (org_id, id),
    foreign key (org_id, employee_id) references accounts.employees (org_id, id),
    foreign key (org_id, station_id) references accounts.stations (org_id, id),
    check ((started_at is null) = (ended_at is null)),
    check (ended_at is null or ended_at > started_at)
);
create index time_logs_project_idx on tasks.time_logs (org_id, project_id);
create index time_logs_employee_idx on tasks.time_logs (org_id, employee_id, created_at);
create index time_logs_station_idx on tasks.time_logs (org_id, station_id, created_at);

do $$
declare t text;
begin
    foreach t in array array['tasks', 'dependencies', 'checklist_items', 'comments', 'timers', 'time_logs']
    loop
        execute format('alter table tasks.%I enable row level security', t);
        execute format('alter table tasks.%I force row level security', t);
        execute format($p$create policy tenant_isolation on tasks.%I
            using (org_id = nullif(current_setting('app.org_id', true), '')::uuid)$p$, t);
    end loop;
end $$;

grant select, insert, update, delete on all tables in schema tasks to ${app_role};
