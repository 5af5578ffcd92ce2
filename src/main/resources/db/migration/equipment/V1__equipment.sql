create schema if not exists equipment;
grant usage on schema equipment to ${app_role};

-- A tool, machine or fixture of the organization: where it stands (a location of the accounts module, and the
-- station that uses it, if one does), its state, and its hours of use (a meter that only goes forward).
create table equipment.equipment (
    org_id        uuid          not null,
    id            uuid primary key,
    code          text          not null check (length(trim(code)) between 1 and 50),
    name          text          not null check (length(trim(name)) between 1 and 200),
    kind          text          not null check (kind in ('TOOL', 'MACHINE', 'FIXTURE')),
    status        text          not null
        check (status in ('AVAILABLE', 'IN_USE', 'MAINTENANCE', 'OUT_OF_SERVICE', 'RETIRED')),
    location_id   uuid,
    station_id    uuid,
    serial_number text          check (length(serial_number) <= 100),
    notes         text          check (length(notes) <= 4000),
    hours_used    numeric(19, 2) not null default 0 check (hours_used >= 0),
    created_at    timestamptz   not null,
    updated_at    timestamptz   not null,
    version       bigint        not null default 0,
    unique (org_id, id),
    unique (org_id, code),
    foreign key (org_id, location_id) references accounts.locations (org_id, id),
    foreign key (org_id, station_id) references accounts.stations (org_id, id) on delete set null (station_id)
);
create index equipment_location_idx on equipment.equipment (org_id, location_id);

-- Maintenance due every interval_days and/or every interval_hours of use, whichever comes first, counted from the
-- last time it was done (the plan's start until it is first done). The next due date and hours follow from those in
-- the database, so no code path can leave them stale.
create table equipment.maintenance_plans (
    org_id          uuid           not null,
    id              uuid primary key,
    equipment_id    uuid           not null,
    name            text           not null check (length(trim(name)) between 1 and 200),
    instructions    text           check (length(instructions) <= 4000),
    interval_days   int            check (interval_days between 1 and 3650),
    interval_hours  numeric(19, 2) check (interval_hours > 0 and interval_hours <= 1000000),
    last_done_on    date           not null,
    last_done_hours numeric(19, 2) not null default 0 check (last_done_hours >= 0),
    next_due_on     date generated always as (last_done_on + interval_days) stored,
    next_due_hours  numeric(19, 2) generated always as (last_done_hours + interval_hours) stored,
    created_at      timestamptz    not null,
    updated_at      timestamptz    not null,
    version         bigint         not null default 0,
    unique (org_id, id),
    unique (org_id, equipment_id, name),
    check (interval_days is not null or interval_hours is not null),
    foreign key (org_id, equipment_id) references equipment.equipment (org_id, id) on delete cascade
);
create index maintenance_plans_due_idx on equipment.maintenance_plans (org_id, next_due_on);
create index maintenance_plans_equipment_idx on equipment.maintenance_plans (org_id, equipment_id);

-- Maintenance done, append-only (the application role may only read and add): when, by whom, at which hours of use,
-- under which plan (none for a repair), what it cost. Equipment with a log is retired, never deleted.
create table equipment.maintenance_logs (
    org_id       uuid           not null,
    id           uuid primary key,
    equipment_id uuid           not null,
    plan_id      uuid,
    done_at      timestamptz    not null,
    done_by      uuid           not null,
    hours_used   numeric(19, 2) not null check (hours_used >= 0),
    notes        text           check (length(notes) <= 4000),
    cost         numeric(19, 4) check (cost >= 0),
    created_at   timestamptz    not null,
    unique (org_id, id),
    foreign key (org_id, equipment_id) references equipment.equipment (org_id, id),
    foreign key (org_id, plan_id) references equipment.maintenance_plans (org_id, id) on delete set null (plan_id)
);
create index maintenance_logs_equipment_idx on equipment.maintenance_logs (org_id, equipment_id, done_at desc, id);
create index maintenance_logs_done_idx on equipment.maintenance_logs (org_id, done_at);

-- A product's equipment requirements (the catalog's product by id): which equipment, how many, a note. The set of a
-- product is replaced as a whole; its version (the ETag of GET|PUT /api/products/{id}/equipment) is kept per product.
create table equipment.product_requirements (
    org_id     uuid        not null,
    product_id uuid        not null,
    version    bigint      not null default 0,
    updated_at timestamptz not null,
    primary key (org_id, product_id),
    foreign key (org_id, product_id) references catalog.products (org_id, id) on delete cascade
);

create table equipment.product_equipment (
    org_id       uuid not null,
    product_id   uuid not null,
    equipment_id uuid not null,
    quantity     int  not null default 1 check (quantity between 1 and 1000),
    notes        text check (length(notes) <= 500),
    primary key (org_id, product_id, equipment_id),
    foreign key (org_id, product_id) references equipment.product_requirements (org_id, product_id)
        on delete cascade,
    foreign key (org_id, equipment_id) references equipment.equipment (org_id, id)
);
create index product_equipment_equipment_idx on equipment.product_equipment (org_id, equipment_id);

-- What the daily check announced (MaintenanceDue): one row per plan and due mark (its next due date and hours, which
-- change only when maintenance is logged or the plan is changed), so each falls due once.
create table equipment.maintenance_announcements (
    org_id       uuid           not null,
    plan_id      uuid           not null,
    due_on       date,
    due_hours    numeric(19, 2),
    announced_at timestamptz    not null,
    unique nulls not distinct (org_id, plan_id, due_on, due_hours),
    foreign key (org_id, plan_id) references equipment.maintenance_plans (org_id, id) on delete cascade
);

do $$
declare t text;
begin
    foreach t in array array['equipment', 'maintenance_plans', 'maintenance_logs', 'product_requirements',
        'product_equipment', 'maintenance_announcements']
    loop
        execute format('alter table equipment.%I enable row level security', t);
        execute format('alter table equipment.%I force row level security', t);
        execute format($p$create policy tenant_isolation on equipment.%I
            using (org_id = nullif(current_setting('app.org_id', true), '')::uuid)$p$, t);
    end loop;
end $$;

grant select, insert, update, delete on equipment.equipment, equipment.maintenance_plans,
    equipment.product_requirements, equipment.product_equipment to ${app_role};
grant select, insert on equipment.maintenance_logs, equipment.maintenance_announcements to ${app_role};

-- The daily check finds which organizations have maintenance due and not announced, then announces it organization
-- by organization in that organization's own context (its time zone decides the date). Only this function, running
-- as the owner of the tables (under the forced row-level security like anyone else), sees across organizations,
-- through owner-only read policies that also need its own transaction-local app.sweep; it reveals only organization
-- ids. No organization is ahead of UTC by more than 14 hours.
do $$
declare t text;
begin
    foreach t in array array['equipment', 'maintenance_plans', 'maintenance_announcements']
    loop
        execute format($p$create policy due_sweep on equipment.%I for select to %I
            using (current_setting('app.sweep', true) = 'equipment.maintenance_due')$p$, t, current_user);
    end loop;
end $$;

create function equipment.orgs_with_maintenance_due(at timestamptz)
    returns table (org_id uuid)
    language plpgsql security definer set search_path = equipment, pg_temp as $$
declare
    previous text := coalesce(current_setting('app.sweep', true), '');
begin
    perform set_config('app.sweep', 'equipment.maintenance_due', true);
    return query
        select distinct p.org_id
          from equipment.maintenance_plans p
          join equipment.equipment e on e.org_id = p.org_id and e.id = p.equipment_id
         where e.status <> 'RETIRED'
           and (p.next_due_on <= ((at at time zone 'UTC') + interval '14 hours')::date
                or e.hours_used >= p.next_due_hours)
           and not exists (select 1 from equipment.maintenance_announcements a
                            where a.org_id = p.org_id and a.plan_id = p.id
                              and a.due_on is not distinct from p.next_due_on
                              and a.due_hours is not distinct from p.next_due_hours);
    perform set_config('app.sweep', previous, true);
end
$$;
revoke all on function equipment.orgs_with_maintenance_due(timestamptz) from public;
grant execute on function equipment.orgs_with_maintenance_due(timestamptz) to ${app_role};
