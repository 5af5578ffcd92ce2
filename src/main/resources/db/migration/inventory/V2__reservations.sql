-- What a started project needs of a part at one of its stages (its pinned BOM exploded for its quantity): required,
-- issued so far by the stage's backflush. stage_name is the BOM line's (null: the first stage). What is reserved for
-- it is the sum of its allocations. OPEN lines hold stock; RELEASED ones gave it back (a release, a cancellation)
-- and may reserve again; BACKFLUSHED ones were issued when their stage completed (what could not be issued then is a
-- shortfall).
create table inventory.reservations (
    org_id         uuid           not null,
    id             uuid primary key,
    project_id     uuid           not null,
    part_id        uuid           not null,
    stage_name     text           check (length(trim(stage_name)) between 1 and 100),
    required       numeric(19, 6) not null check (required > 0),
    issued         numeric(19, 6) not null default 0 check (issued >= 0),
    status         text           not null default 'OPEN' check (status in ('OPEN', 'RELEASED', 'BACKFLUSHED')),
    backflushed_at timestamptz,
    created_at     timestamptz    not null,
    updated_at     timestamptz    not null,
    unique (org_id, id),
    check (issued <= required),
    check ((status = 'BACKFLUSHED') = (backflushed_at is not null)),
    foreign key (org_id, project_id) references projects.projects (org_id, id),
    foreign key (org_id, part_id) references catalog.parts (org_id, id)
);
-- One line per project, part and stage (stages match by name, trimmed and in any case).
create unique index reservations_line_idx
    on inventory.reservations (org_id, project_id, part_id, lower(coalesce(stage_name, '')));

-- Where a reservation's stock is held: the lot and location its RESERVE movements reserved, less what was released
-- or issued from there. The balance's reserved column counts these (with any other reservation of the lot there).
create table inventory.reservation_allocations (
    org_id         uuid           not null,
    reservation_id uuid           not null,
    lot_id         uuid           not null,
    location_id    uuid           not null,
    quantity       numeric(19, 6) not null check (quantity > 0),
    primary key (org_id, reservation_id, lot_id, location_id),
    foreign key (org_id, reservation_id) references inventory.reservations (org_id, id) on delete cascade,
    foreign key (org_id, lot_id, location_id) references inventory.balances (org_id, lot_id, location_id)
);
create index reservation_allocations_balance_idx on inventory.reservation_allocations (org_id, lot_id, location_id);

-- What a stage's backflush could not issue (neither reserved nor available): the move went on, the gap is recorded.
create table inventory.shortfalls (
    org_id            uuid           not null,
    id                uuid primary key,
    reservation_id    uuid           not null,
    project_id        uuid           not null,
    part_id           uuid           not null,
    stage_instance_id uuid,
    quantity          numeric(19, 6) not null check (quantity > 0),
    at                timestamptz    not null,
    unique (org_id, id),
    foreign key (org_id, reservation_id) references inventory.reservations (org_id, id) on delete cascade,
    foreign key (org_id, project_id) references projects.projects (org_id, id),
    foreign key (org_id, part_id) references catalog.parts (org_id, id)
);
create index shortfalls_project_idx on inventory.shortfalls (org_id, project_id, at);

do $$
declare t text;
begin
    foreach t in array array['reservations', 'reservation_allocations', 'shortfalls']
    loop
        execute format('alter table inventory.%I enable row level security', t);
        execute format('alter table inventory.%I force row level security', t);
        execute format($p$create policy tenant_isolation on inventory.%I
            using (org_id = nullif(current_setting('app.org_id', true), '')::uuid)$p$, t);
    end loop;
end $$;

-- Allocations are taken away as they are issued; reservations and shortfalls change status, never go.
grant select, insert, update, delete on inventory.reservation_allocations to ${app_role};
grant select, insert, update on inventory.reservations, inventory.shortfalls to ${app_role};
