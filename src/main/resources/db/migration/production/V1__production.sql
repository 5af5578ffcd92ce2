create schema if not exists production;
grant usage on schema production to ${app_role};

-- One piece of a project, tracked through the project's stages by its serial (the QR label encodes
-- {public-url}/s/{serial}). stage_instance_id and stage_position name the project's stage instance the unit is at
-- (the projects module's ids); station_id is that stage's station, kept here so a station's queue is one index scan.
-- stage_entry counts the unit's entries into its current stage (a rework enters it again), and event_seq the
-- passport events written so far (each event takes the next number under the unit's row lock: no gap, no twin).
-- priority (0 low .. 3 urgent) and due_date are copied from the project's order when the unit is made.
create table production.units (
    org_id            uuid           not null,
    id                uuid primary key,
    project_id        uuid           not null,
    serial            text           not null check (length(serial) between 1 and 80 and serial !~ '[[:space:]/?#]'),
    position          int            not null check (position >= 1),
    quantity          numeric(19, 6) not null default 1 check (quantity > 0),
    parent_unit_id    uuid,
    stage_instance_id uuid,
    stage_position    int            check (stage_position >= 1),
    station_id        uuid,
    stage_entry       int            not null default 1 check (stage_entry >= 1),
    status            text           not null
        check (status in ('QUEUED', 'IN_PROGRESS', 'ON_HOLD', 'DEFECTIVE', 'REWORK', 'COMPLETED', 'SCRAPPED')),
    held_from         text           check (held_from in ('QUEUED', 'IN_PROGRESS', 'REWORK')),
    location          text           check (length(location) <= 200),
    assignee_id       uuid,
    priority          int            not null default 1 check (priority between 0 and 3),
    due_date          date,
    entered_stage_at  timestamptz    not null,
    started_at        timestamptz,
    completed_at      timestamptz,
    event_seq         int            not null default 0 check (event_seq >= 0),
    created_at        timestamptz    not null,
    updated_at        timestamptz    not null,
    version           bigint         not null default 0,
    unique (org_id, id),
    unique (org_id, serial),
    unique (org_id, project_id, position),
    foreign key (org_id, project_id) references projects.projects (org_id, id),
    foreign key (org_id, stage_instance_id) references projects.stage_instances (org_id, id),
    foreign key (org_id, station_id) references accounts.stations (org_id, id),
    foreign key (org_id, assignee_id) references accounts.employees (org_id, id),
    foreign key (org_id, parent_unit_id) references production.units (org_id, id),
    check (status in ('COMPLETED', 'SCRAPPED') or (stage_instance_id is not null and station_id is not null)),
    check ((status = 'ON_HOLD') = (held_from is not null)),
    check ((status = 'COMPLETED') = (completed_at is not null))
);
-- A station's queue: the units at its stages not yet done, by order priority, due date and age.
create index units_queue_idx on production.units (org_id, station_id, priority desc, due_date, entered_stage_at, id)
    where status in ('QUEUED', 'IN_PROGRESS', 'ON_HOLD', 'DEFECTIVE', 'REWORK');
-- The earliest stage still holding a unit of a project (what the project's own stages follow).
create index units_open_stage_idx on production.units (org_id, project_id, stage_position)
    where status not in ('COMPLETED', 'SCRAPPED');

-- The unit's passport, append-only: every scan, stage start, recorded action, completion, defect, rework, hold,
-- release and move, with who (user and employee), where (station), when and from which device and scan session.
create table production.unit_events (
    org_id            uuid        not null,
    id                uuid primary key,
    unit_id           uuid        not null,
    seq               int         not null check (seq >= 1),
    kind              text        not null check (kind in ('CREATED', 'SCANNED', 'STARTED', 'ACTION_RECORDED',
        'COMPLETED_STAGE', 'COMPLETED', 'DEFECT_REPORTED', 'DISPOSED', 'REWORK', 'HELD', 'RELEASED', 'MOVED',
        'SCRAPPED', 'SPLIT', 'ASSIGNED')),
    stage_instance_id uuid,
    station_id        uuid,
    actor_id          uuid,
    employee_id       uuid,
    device_id         text        check (length(device_id) <= 100),
    session_id        uuid,
    step_id           text        check (length(step_id) <= 100),
    detail            jsonb       not null default '{}' check (jsonb_typeof(detail) = 'object'),
    at                timestamptz not null,
    recorded_at       timestamptz not null,
    unique (org_id, unit_id, seq),
    foreign key (org_id, unit_id) references production.units (org_id, id) on delete cascade
);
create index unit_events_stage_idx on production.unit_events (org_id, stage_instance_id, kind);
create index unit_events_session_idx on production.unit_events (org_id, session_id) where session_id is not null;

-- A stage action recorded for one unit at one entry of a stage (again: replaces the earlier record of that entry).
create table production.unit_actions (
    org_id            uuid           not null,
    id                uuid primary key,
    unit_id           uuid           not null,
    stage_instance_id uuid           not null,
    stage_entry       int            not null check (stage_entry >= 1),
    action_id         uuid           not null,
    kind              text           not null check (kind in ('SCAN', 'CHECKLIST', 'MEASUREMENT', 'PHOTO', 'SIGN_OFF')),
    value_text        text           check (length(value_text) <= 2000),
    measured_value    numeric(19, 6),
    within_tolerance  boolean,
    document_id       uuid,
    actor_id          uuid,
    at                timestamptz    not null,
    unique (org_id, unit_id, stage_instance_id, stage_entry, action_id),
    foreign key (org_id, unit_id) references production.units (org_id, id) on delete cascade,
    foreign key (org_id, action_id) references workflows.stage_actions (org_id, id),
    check (kind <> 'MEASUREMENT' or (measured_value is not null and within_tolerance is not null)),
    check (kind <> 'PHOTO' or document_id is not null)
);

-- A defect found on a unit at a stage, and what was decided: rework (back to a chosen stage), scrap or use as is.
create table production.defects (
    org_id            uuid        not null,
    id                uuid primary key,
    unit_id           uuid        not null,
    project_id        uuid        not null,
    stage_instance_id uuid        not null,
    station_id        uuid        not null,
    code              text        not null check (code ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$'),
    severity          text        not null check (severity in ('MINOR', 'MAJOR', 'CRITICAL')),
    description       text        check (length(description) <= 4000),
    photo_ids         uuid[]      not null default '{}' check (cardinality(photo_ids) <= 20),
    disposition       text        check (disposition in ('REWORK', 'SCRAP', 'USE_AS_IS')),
    rework_stage_id   uuid,
    disposition_note  text        check (length(disposition_note) <= 2000),
    reported_by       uuid,
    reported_at       timestamptz not null,
    disposed_by       uuid,
    disposed_at       timestamptz,
    version           bigint      not null default 0,
    unique (org_id, id),
    foreign key (org_id, unit_id) references production.units (org_id, id) on delete cascade,
    foreign key (org_id, stage_instance_id) references projects.stage_instances (org_id, id),
    foreign key (org_id, rework_stage_id) references projects.stage_instances (org_id, id),
    check ((disposition is null) = (disposed_at is null)),
    check ((disposition = 'REWORK') = (rework_stage_id is not null))
);
create index defects_stage_code_idx on production.defects (org_id, stage_instance_id, code);
create index defects_reported_idx on production.defects (org_id, reported_at desc, id);
-- At most one undecided defect per unit: a unit reported again waits for the first decision.
create unique index defects_one_open_idx on production.defects (org_id, unit_id) where disposition is null;

-- An operator's stretch of scanning at one station from one device. Counts and pace are read from the passport
-- events that name the session; one open session per (user, station, device).
create table production.scan_sessions (
    org_id      uuid        not null,
    id          uuid primary key,
    user_id     uuid        not null,
    employee_id uuid,
    station_id  uuid        not null,
    device_id   text        not null check (length(device_id) between 1 and 100),
    started_at  timestamptz not null,
    last_at     timestamptz not null,
    ended_at    timestamptz,
    unique (org_id, id),
    foreign key (org_id, station_id) references accounts.stations (org_id, id),
    check (ended_at is null or ended_at >= started_at)
);
create unique index scan_sessions_open_idx on production.scan_sessions (org_id, user_id, station_id, device_id)
    where ended_at is null;
create index scan_sessions_station_idx on production.scan_sessions (org_id, station_id, started_at desc);

-- Each offline step is applied once: a batch sent again finds its steps here and answers them as DUPLICATE.
create table production.scan_steps (
    org_id     uuid        not null,
    device_id  text        not null check (length(device_id) between 1 and 100),
    step_id    text        not null check (length(step_id) between 1 and 100),
    outcome    text        not null check (outcome in ('APPLIED', 'CONFLICT')),
    reason     text        check (length(reason) <= 2000),
    unit_id    uuid,
    at         timestamptz not null,
    applied_at timestamptz not null,
    primary key (org_id, device_id, step_id)
);

do $$
declare t text;
begin
    foreach t in array array['units', 'unit_events', 'unit_actions', 'defects', 'scan_sessions', 'scan_steps']
    loop
        execute format('alter table production.%I enable row level security', t);
        execute format('alter table production.%I force row level security', t);
        execute format($p$create policy tenant_isolation on production.%I
            using (org_id = nullif(current_setting('app.org_id', true), '')::uuid)$p$, t);
    end loop;
end $$;

grant select, insert, update, delete on all tables in schema production to ${app_role};
