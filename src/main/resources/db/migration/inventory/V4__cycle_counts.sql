-- Cycle counts: a count of one location lists what the ledger expects there (a line per lot with stock when the count
-- was opened), takes the counted quantities (also of lots or parts found that were not expected), and is posted once:
-- each difference becomes an ADJUSTMENT movement with the count's reason and reference CYCLE_COUNT.
create table inventory.counts (
    org_id      uuid        not null,
    id          uuid primary key,
    location_id uuid        not null,
    status      text        not null default 'OPEN' check (status in ('OPEN', 'POSTED', 'CANCELLED')),
    reason      text        not null check (length(trim(reason)) between 1 and 500),
    opened_by   uuid,
    opened_at   timestamptz not null,
    closed_by   uuid,
    closed_at   timestamptz,
    updated_at  timestamptz not null,
    version     bigint      not null default 0,
    unique (org_id, id),
    check ((status = 'OPEN') = (closed_at is null)),
    foreign key (org_id, location_id) references accounts.locations (org_id, id)
);
create index counts_opened_idx on inventory.counts (org_id, opened_at desc, id desc);
create index counts_location_idx on inventory.counts (org_id, location_id, opened_at desc);

-- One line per lot (or per part, when stock of a part was found with no lot named). expected is the location's
-- on hand when the count was opened; counted is null until counted; difference is what posting adjusted (counted less
-- the on hand at posting time), null before.
create table inventory.count_lines (
    org_id     uuid           not null,
    id         uuid primary key,
    count_id   uuid           not null,
    position   int            not null check (position > 0),
    part_id    uuid           not null,
    lot_id     uuid,
    expected   numeric(19, 6) not null default 0 check (expected >= 0),
    counted    numeric(19, 6) check (counted >= 0),
    difference numeric(19, 6),
    unique (org_id, count_id, position),
    unique nulls not distinct (org_id, count_id, part_id, lot_id),
    foreign key (org_id, count_id) references inventory.counts (org_id, id) on delete cascade,
    foreign key (org_id, part_id) references catalog.parts (org_id, id),
    foreign key (org_id, lot_id) references inventory.lots (org_id, id)
);

do $$
declare t text;
begin
    foreach t in array array['counts', 'count_lines']
    loop
        execute format('alter table inventory.%I enable row level security', t);
        execute format('alter table inventory.%I force row level security', t);
        execute format($p$create policy tenant_isolation on inventory.%I
            using (org_id = nullif(current_setting('app.org_id', true), '')::uuid)$p$, t);
    end loop;
end $$;

grant select, insert, update on inventory.counts, inventory.count_lines to ${app_role};
