create schema if not exists workflows;
grant usage on schema workflows to ${app_role};

-- A workflow template, one row per version. The versions of one workflow share its family_id; at most one of them
-- is ACTIVE. Editing an ACTIVE version writes the next version and retires (SUPERSEDED) the one edited, so running
-- projects, which name the version they started with, keep it unchanged. A DRAFT is edited in place.
create table workflows.workflows (
    org_id      uuid        not null,
    id          uuid primary key,
    family_id   uuid        not null,
    version_no  int         not null check (version_no >= 1),
    name        text        not null check (length(trim(name)) between 1 and 200),
    description text        check (length(description) <= 4000),
    status      text        not null check (status in ('DRAFT', 'ACTIVE', 'SUPERSEDED', 'ARCHIVED')),
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    created_by  uuid,
    version     bigint      not null default 0,
    unique (org_id, id),
    unique (org_id, family_id, version_no)
);
create unique index workflows_one_active_idx on workflows.workflows (org_id, family_id) where status = 'ACTIVE';
create index workflows_name_idx on workflows.workflows (org_id, name, id);

-- A version's stages in order; each is owned by a station of the organization.
create table workflows.stages (
    org_id                 uuid        not null,
    id                     uuid primary key,
    workflow_id            uuid        not null,
    position               int         not null check (position >= 1),
    name                   text        not null check (length(trim(name)) between 1 and 200),
    station_id             uuid        not null,
    expected_minutes       int         not null check (expected_minutes between 0 and 525600),
    required_qc_process_id uuid,
    unique (org_id, id),
    unique (org_id, workflow_id, position) deferrable initially deferred,
    foreign key (org_id, workflow_id) references workflows.workflows (org_id, id) on delete cascade,
    foreign key (org_id, station_id) references accounts.stations (org_id, id)
);

-- What must be done at a stage before it may be left: a scan, a checklist (its items), a measurement (unit, target
-- and tolerance), a photo, or a sign-off by someone holding a permission.
create table workflows.stage_actions (
    org_id          uuid           not null,
    id              uuid primary key,
    stage_id        uuid           not null,
    position        int            not null check (position >= 1),
    kind            text           not null check (kind in ('SCAN', 'CHECKLIST', 'MEASUREMENT', 'PHOTO', 'SIGN_OFF')),
    label           text           not null check (length(trim(label)) between 1 and 200),
    required        boolean        not null default true,
    checklist_items text[]         not null default '{}' check (cardinality(checklist_items) <= 100),
    unit            text           check (length(unit) between 1 and 20),
    target_value    numeric(19, 6),
    tolerance       numeric(19, 6) check (tolerance >= 0),
    permission      text           check (permission ~ '^[a-z][a-z_]*:[a-z][a-z_]*$'),
    unique (org_id, id),
    unique (org_id, stage_id, position),
    foreign key (org_id, stage_id) references workflows.stages (org_id, id) on delete cascade,
    check (kind <> 'CHECKLIST' or cardinality(checklist_items) >= 1),
    check (kind <> 'MEASUREMENT' or (unit is not null and target_value is not null and tolerance is not null)),
    check (kind <> 'SIGN_OFF' or permission is not null)
);

-- The tasks a station always does when one of its stages becomes active.
create table workflows.station_task_templates (
    org_id           uuid        not null,
    id               uuid primary key,
    station_id       uuid        not null,
    title            text        not null check (length(trim(title)) between 1 and 200),
    description      text        check (length(description) <= 4000),
    sequence         int         not null check (sequence between 1 and 10000),
    estimate_minutes int         check (estimate_minutes between 0 and 525600),
    checklist_items  text[]      not null default '{}' check (cardinality(checklist_items) <= 100),
    required         boolean     not null default true,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    version          bigint      not null default 0,
    unique (org_id, id),
    foreign key (org_id, station_id) references accounts.stations (org_id, id) on delete cascade
);
create index station_task_templates_station_idx on workflows.station_task_templates (org_id, station_id, sequence);

do $$
declare t text;
begin
    foreach t in array array['workflows', 'stages', 'stage_actions', 'station_task_templates']
    loop
        execute format('alter table workflows.%I enable row level security', t);
        execute format('alter table workflows.%I force row level security', t);
        execute format($p$create policy tenant_isolation on workflows.%I
            using (org_id = nullif(current_setting('app.org_id', true), '')::uuid)$p$, t);
    end loop;
end $$;

grant select, insert, update, delete on all tables in schema workflows to ${app_role};
