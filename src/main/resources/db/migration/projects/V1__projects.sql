create schema if not exists projects;
grant usage on schema projects to ${app_role};

-- A production job. It runs one workflow version (workflow_id names the version, never the family), belongs to a
-- customer (null for a brand's purchase order, whose brand the order names), optionally to an order and one of its
-- lines (null line: one project for the whole order), and to a product whose ACTIVE bill of materials it pins.
create table projects.projects (
    org_id                 uuid           not null,
    id                     uuid primary key,
    code                   text           not null check (length(trim(code)) between 1 and 50),
    name                   text           not null check (length(trim(name)) between 1 and 200),
    customer_id            uuid,
    order_id               uuid,
    order_line_id          uuid,
    product_id             uuid,
    bom_id                 uuid,
    workflow_id            uuid           not null,
    quantity               numeric(19, 6) not null check (quantity > 0),
    due_date               date,
    estimated_price        numeric(19, 4) check (estimated_price >= 0),
    estimated_cost         numeric(19, 4) check (estimated_cost >= 0),
    status                 text           not null
        check (status in ('DRAFT', 'ACTIVE', 'ON_HOLD', 'COMPLETED', 'CANCELLED')),
    current_stage_id       uuid,
    notes                  text           check (length(notes) <= 20000),
    started_at             timestamptz,
    completed_at           timestamptz,
    created_by             uuid,
    created_at             timestamptz    not null,
    updated_at             timestamptz    not null,
    version                bigint         not null default 0,
    unique (org_id, id),
    unique (org_id, code),
    foreign key (org_id, customer_id) references customers.customers (org_id, id),
    foreign key (org_id, product_id) references catalog.products (org_id, id),
    foreign key (org_id, bom_id) references catalog.boms (org_id, id),
    foreign key (org_id, workflow_id) references workflows.workflows (org_id, id),
    check (order_line_id is null or order_id is not null),
    check ((status = 'DRAFT') = (started_at is null)),
    check ((status = 'COMPLETED') = (completed_at is not null)),
    check (status <> 'ACTIVE' or current_stage_id is not null)
);
-- One project per order line; "one per order" is the project with no line.
create unique index projects_one_per_line_idx on projects.projects (org_id, order_line_id) where order_line_id is not null;
create unique index projects_one_per_order_idx on projects.projects (org_id, order_id)
    where order_id is not null and order_line_id is null;
create index projects_order_idx on projects.projects (org_id, order_id) where order_id is not null;
create index projects_status_idx on projects.projects (org_id, status, created_at, id);
create index projects_customer_idx on projects.projects (org_id, customer_id, created_at);

-- The project's copy of its workflow version's stages: where each stands. entries counts how often the stage was
-- entered (a rework move enters it again); each entry generates the station's template tasks once.
create table projects.stage_instances (
    org_id           uuid        not null,
    id               uuid primary key,
    project_id       uuid        not null,
    stage_id         uuid        not null,
    position         int         not null check (position >= 1),
    name             text        not null,
    station_id       uuid        not null,
    expected_minutes int         not null check (expected_minutes >= 0),
    status           text        not null check (status in ('PENDING', 'IN_PROGRESS', 'DONE', 'SKIPPED')),
    entries          int         not null default 0 check (entries >= 0),
    started_at       timestamptz,
    ended_at         timestamptz,
    moved_by         uuid,
    version          bigint      not null default 0,
    unique (org_id, id),
    unique (org_id, project_id, position),
    foreign key (org_id, project_id) references projects.projects (org_id, id) on delete cascade,
    foreign key (org_id, stage_id) references workflows.stages (org_id, id),
    check (status <> 'IN_PROGRESS' or (started_at is not null and ended_at is null and entries >= 1)),
    check (status <> 'DONE' or (started_at is not null and ended_at is not null))
);
-- At most one stage of a project is in progress.
create unique index stage_instances_one_current_idx on projects.stage_instances (org_id, project_id)
    where status = 'IN_PROGRESS';
alter table projects.projects
    add foreign key (org_id, current_stage_id) references projects.stage_instances (org_id, id)
        deferrable initially deferred;

-- Every stage move: forward, or back to an earlier stage with a reason (rework).
create table projects.stage_moves (
    org_id         uuid        not null,
    id             uuid primary key,
    project_id     uuid        not null,
    from_stage_id  uuid,
    to_stage_id    uuid,
    kind           text        not null check (kind in ('START', 'ADVANCE', 'REWORK', 'COMPLETE')),
    reason         text        check (length(reason) <= 2000),
    actor_id       uuid,
    at             timestamptz not null,
    foreign key (org_id, project_id) references projects.projects (org_id, id) on delete cascade,
    foreign key (org_id, from_stage_id) references projects.stage_instances (org_id, id),
    foreign key (org_id, to_stage_id) references projects.stage_instances (org_id, id),
    check (kind <> 'REWORK' or reason is not null)
);
create index stage_moves_project_idx on projects.stage_moves (org_id, project_id, at);

-- A stage action done for one entry of a stage instance: the scanned code, the checklist ticked, the measured value
-- (and whether it is within tolerance), the photo's file key, or the sign-off.
create table projects.action_records (
    org_id            uuid           not null,
    id                uuid primary key,
    stage_instance_id uuid           not null,
    stage_entry       int            not null check (stage_entry >= 1),
    action_id         uuid           not null,
    kind              text           not null check (kind in ('SCAN', 'CHECKLIST', 'MEASUREMENT', 'PHOTO', 'SIGN_OFF')),
    value_text        text           check (length(value_text) <= 2000),
    measured_value    numeric(19, 6),
    within_tolerance  boolean,
    actor_id          uuid,
    at                timestamptz    not null,
    unique (org_id, stage_instance_id, stage_entry, action_id),
    foreign key (org_id, stage_instance_id) references projects.stage_instances (org_id, id) on delete cascade,
    foreign key (org_id, action_id) references workflows.stage_actions (org_id, id),
    check (kind <> 'MEASUREMENT' or (measured_value is not null and within_tolerance is not null))
);

-- Design documents attached to a project: a file key and its metadata until the documents module stores files.
create table projects.design_docs (
    org_id       uuid        not null,
    id           uuid primary key,
    project_id   uuid        not null,
    file_key     text        not null check (length(trim(file_key)) between 1 and 500),
    file_name    text        not null check (length(trim(file_name)) between 1 and 255),
    content_type text        check (length(content_type) <= 200),
    size_bytes   bigint      check (size_bytes >= 0),
    metadata     jsonb       not null default '{}' check (jsonb_typeof(metadata) = 'object'),
    created_by   uuid,
    created_at   timestamptz not null,
    unique (org_id, id),
    foreign key (org_id, project_id) references projects.projects (org_id, id) on delete cascade
);
create index design_docs_project_idx on projects.design_docs (org_id, project_id, created_at);

do $$
declare t text;
begin
    foreach t in array array['projects', 'stage_instances', 'stage_moves', 'action_records', 'design_docs']
    loop
        execute format('alter table projects.%I enable row level security', t);
        execute format('alter table projects.%I force row level security', t);
        execute format($p$create policy tenant_isolation on projects.%I
            using (org_id = nullif(current_setting('app.org_id', true), '')::uuid)$p$, t);
    end loop;
end $$;

grant select, insert, update, delete on all tables in schema projects to ${app_role};
