create schema if not exists inventory;
grant usage on schema inventory to ${app_role};

-- Who materials are bought from (purchase orders to suppliers live in V3).
create table inventory.suppliers (
    org_id         uuid        not null,
    id             uuid primary key,
    code           text        not null check (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$'),
    name           text        not null check (length(trim(name)) between 1 and 200),
    email          text        check (length(email) <= 320),
    phone          text        check (length(phone) <= 50),
    address        text        check (length(address) <= 2000),
    currency       text        not null default 'EUR' check (currency ~ '^[A-Z]{3}$'),
    lead_time_days int         check (lead_time_days between 0 and 3650),
    notes          text        check (length(notes) <= 4000),
    active         boolean     not null default true,
    created_at     timestamptz not null,
    updated_at     timestamptz not null,
    version        bigint      not null default 0,
    unique (org_id, code),
    unique (org_id, id)
);

-- A lot of a part: what one receipt (or several of the same lot number) brought in, with its own unit cost (FIFO
-- valuation and traceability follow lots). Every unit of stock is in a lot.
create table inventory.lots (
    org_id      uuid           not null,
    id          uuid primary key,
    part_id     uuid           not null,
    lot_number  text           not null check (length(trim(lot_number)) between 1 and 100),
    received_at timestamptz    not null,
    expires_on  date,
    supplier_id uuid,
    unit_cost   numeric(19, 6) not null check (unit_cost >= 0),
    created_at  timestamptz    not null,
    unique (org_id, part_id, lot_number),
    unique (org_id, id),
    foreign key (org_id, part_id) references catalog.parts (org_id, id),
    foreign key (org_id, supplier_id) references inventory.suppliers (org_id, id)
);
-- FIFO: a part's lots oldest first.
create index lots_fifo_idx on inventory.lots (org_id, part_id, received_at, id);

-- What is where: one row per lot and location. on_hand and reserved change only with a movement of the ledger, in
-- its transaction; neither goes negative and reserved never exceeds on_hand (available = on_hand - reserved).
create table inventory.balances (
    org_id      uuid           not null,
    part_id     uuid           not null,
    lot_id      uuid           not null,
    location_id uuid           not null,
    on_hand     numeric(19, 6) not null default 0 check (on_hand >= 0),
    reserved    numeric(19, 6) not null default 0 check (reserved >= 0),
    updated_at  timestamptz    not null,
    primary key (org_id, lot_id, location_id),
    check (reserved <= on_hand),
    foreign key (org_id, lot_id) references inventory.lots (org_id, id),
    foreign key (org_id, part_id) references catalog.parts (org_id, id),
    foreign key (org_id, location_id) references accounts.locations (org_id, id)
);
create index balances_part_idx on inventory.balances (org_id, part_id, location_id);
create index balances_location_idx on inventory.balances (org_id, location_id);

-- One row per part that has ever had stock or stock settings: the totals over its balances (kept with them, under
-- this row's lock, which also orders concurrent movements of one part), its moving average cost, and its reorder
-- point and quantity. low is true while available stock is at or below the reorder point.
create table inventory.part_stock (
    org_id           uuid           not null,
    part_id          uuid           not null,
    on_hand          numeric(19, 6) not null default 0 check (on_hand >= 0),
    reserved         numeric(19, 6) not null default 0 check (reserved >= 0),
    average_cost     numeric(19, 6) not null default 0 check (average_cost >= 0),
    reorder_point    numeric(19, 6) check (reorder_point >= 0),
    reorder_quantity numeric(19, 6) check (reorder_quantity > 0),
    low              boolean        not null default false,
    updated_at       timestamptz    not null,
    version          bigint         not null default 0,
    primary key (org_id, part_id),
    check (reserved <= on_hand),
    foreign key (org_id, part_id) references catalog.parts (org_id, id)
);
create index part_stock_low_idx on inventory.part_stock (org_id) where low;

-- The ledger, append-only (the application role may insert and read, never change or delete). quantity is always
-- positive; the locations say which way it went:
--   RECEIPT, RETURN: to_location_id      ISSUE, DAMAGE: from_location_id      TRANSFER: both
--   ADJUSTMENT: to_location_id (up) or from_location_id (down), with a reason
--   RESERVE, RELEASE: from_location_id, the location whose stock is (un)reserved; on_hand is unchanged
-- So a balance's on_hand is the sum of its lot's quantities into its location less those out of it (RESERVE and
-- RELEASE left out), and its reserved the RESERVE less the RELEASE quantities at it. seq orders the ledger.
create table inventory.movements (
    org_id           uuid           not null,
    id               uuid primary key,
    seq              bigint generated always as identity,
    at               timestamptz    not null,
    kind             text           not null
        check (kind in ('RECEIPT', 'ISSUE', 'TRANSFER', 'ADJUSTMENT', 'RETURN', 'DAMAGE', 'RESERVE', 'RELEASE')),
    part_id          uuid           not null,
    lot_id           uuid           not null,
    from_location_id uuid,
    to_location_id   uuid,
    quantity         numeric(19, 6) not null check (quantity > 0),
    unit_cost        numeric(19, 6) check (unit_cost >= 0),
    reason           text           check (length(trim(reason)) between 1 and 500),
    reference_type   text
        check (reference_type in ('PROJECT', 'UNIT', 'ORDER', 'PURCHASE_ORDER', 'CYCLE_COUNT', 'RESERVATION', 'OTHER')),
    reference_id     uuid,
    actor_id         uuid,
    unique (org_id, id),
    foreign key (org_id, lot_id) references inventory.lots (org_id, id),
    foreign key (org_id, part_id) references catalog.parts (org_id, id),
    foreign key (org_id, from_location_id) references accounts.locations (org_id, id),
    foreign key (org_id, to_location_id) references accounts.locations (org_id, id),
    check (case kind
        when 'RECEIPT' then to_location_id is not null and from_location_id is null
        when 'RETURN' then to_location_id is not null and from_location_id is null
        when 'ISSUE' then from_location_id is not null and to_location_id is null
        when 'DAMAGE' then from_location_id is not null and to_location_id is null
        when 'TRANSFER' then from_location_id is not null and to_location_id is not null
            and from_location_id <> to_location_id
        when 'ADJUSTMENT' then (from_location_id is null) <> (to_location_id is null) and reason is not null
        else from_location_id is not null and to_location_id is null
    end),
    check ((reference_type is null) = (reference_id is null))
);
-- A part's ledger newest first, a lot's (traceability) and a reference's (what a project consumed).
create index movements_part_idx on inventory.movements (org_id, part_id, seq desc);
create index movements_lot_idx on inventory.movements (org_id, lot_id, seq);
create index movements_reference_idx on inventory.movements (org_id, reference_id, seq) where reference_id is not null;
-- The whole ledger newest first, and a location's (also what a location's deletion checks its foreign keys with).
create index movements_seq_idx on inventory.movements (org_id, seq desc);
create index movements_from_location_idx on inventory.movements (org_id, from_location_id, seq desc);
create index movements_to_location_idx on inventory.movements (org_id, to_location_id, seq desc);

-- How the organization values its stock: by each part's moving average cost (the default) or by its lots' own costs
-- taken first in, first out.
create table inventory.settings (
    org_id         uuid primary key,
    costing_method text        not null default 'MOVING_AVERAGE' check (costing_method in ('MOVING_AVERAGE', 'FIFO')),
    updated_at     timestamptz not null,
    version        bigint      not null default 0
);

do $$
declare t text;
begin
    foreach t in array array['suppliers', 'lots', 'balances', 'part_stock', 'movements', 'settings']
    loop
        execute format('alter table inventory.%I enable row level security', t);
        execute format('alter table inventory.%I force row level security', t);
        execute format($p$create policy tenant_isolation on inventory.%I
            using (org_id = nullif(current_setting('app.org_id', true), '')::uuid)$p$, t);
    end loop;
end $$;

grant select, insert, update, delete on inventory.suppliers to ${app_role};
-- Lots, balances and the stock figures follow the ledger: never deleted by the application.
grant select, insert, update on inventory.lots, inventory.balances, inventory.part_stock, inventory.settings
    to ${app_role};
-- The ledger is append-only for the application.
grant select, insert on inventory.movements to ${app_role};
