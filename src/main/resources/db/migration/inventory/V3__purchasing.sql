-- What a supplier sells of a part: its own number for it, its price (in the supplier's currency), how long it takes
-- to deliver, the least it sells, and whether it is the part's preferred source (at most one per part), which the
-- suggested-purchase list orders from.
create table inventory.supplier_parts (
    org_id           uuid           not null,
    id               uuid primary key,
    supplier_id      uuid           not null,
    part_id          uuid           not null,
    supplier_sku     text           check (length(trim(supplier_sku)) between 1 and 100),
    unit_price       numeric(19, 6) not null check (unit_price >= 0),
    lead_time_days   int            check (lead_time_days between 0 and 3650),
    minimum_quantity numeric(19, 6) check (minimum_quantity > 0),
    preferred        boolean        not null default false,
    created_at       timestamptz    not null,
    updated_at       timestamptz    not null,
    version          bigint         not null default 0,
    unique (org_id, supplier_id, part_id),
    unique (org_id, id),
    foreign key (org_id, supplier_id) references inventory.suppliers (org_id, id) on delete cascade,
    foreign key (org_id, part_id) references catalog.parts (org_id, id)
);
create unique index supplier_parts_preferred_key on inventory.supplier_parts (org_id, part_id) where preferred;
create index supplier_parts_part_idx on inventory.supplier_parts (org_id, part_id);

-- A purchase order to a supplier. DRAFT while it is written (lines change only then), SENT once sent, then
-- PARTIALLY_RECEIVED and RECEIVED as receipts come in (each receipt is RECEIPT movements of the ledger with
-- reference PURCHASE_ORDER and this id); CANCELLED when it will not come (what was received stays received).
create table inventory.purchase_orders (
    org_id       uuid        not null,
    id           uuid primary key,
    code         text        not null check (length(trim(code)) between 1 and 50),
    supplier_id  uuid        not null,
    status       text        not null
        check (status in ('DRAFT', 'SENT', 'PARTIALLY_RECEIVED', 'RECEIVED', 'CANCELLED')),
    ordered_on   date        not null,
    expected_on  date,
    currency     text        not null check (currency ~ '^[A-Z]{3}$'),
    notes        text        check (length(notes) <= 4000),
    sent_at      timestamptz,
    closed_at    timestamptz,
    created_by   uuid,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    version      bigint      not null default 0,
    unique (org_id, code),
    unique (org_id, id),
    check ((status = 'DRAFT') = (sent_at is null) or status = 'CANCELLED'),
    check ((status in ('RECEIVED', 'CANCELLED')) = (closed_at is not null)),
    foreign key (org_id, supplier_id) references inventory.suppliers (org_id, id)
);
create index purchase_orders_status_idx on inventory.purchase_orders (org_id, status, created_at desc, id desc);
create index purchase_orders_supplier_idx on inventory.purchase_orders (org_id, supplier_id, created_at desc, id desc);
create index purchase_orders_created_idx on inventory.purchase_orders (org_id, created_at desc, id desc);

-- A line: a part, how much, at what unit price, by when, and how much of it has been received (never more than
-- ordered: an over-receipt is refused by the service and, failing that, here).
create table inventory.purchase_order_lines (
    org_id            uuid           not null,
    id                uuid primary key,
    purchase_order_id uuid           not null,
    line_no           int            not null check (line_no >= 1),
    part_id           uuid           not null,
    supplier_sku      text           check (length(trim(supplier_sku)) between 1 and 100),
    quantity          numeric(19, 6) not null check (quantity > 0),
    unit_price        numeric(19, 6) not null check (unit_price >= 0),
    received_quantity numeric(19, 6) not null default 0 check (received_quantity >= 0),
    expected_on       date,
    created_at        timestamptz    not null,
    updated_at        timestamptz    not null,
    version           bigint         not null default 0,
    constraint purchase_order_lines_not_over_received check (received_quantity <= quantity),
    constraint purchase_order_lines_number_key unique (org_id, purchase_order_id, line_no),
    unique (org_id, id),
    foreign key (org_id, purchase_order_id) references inventory.purchase_orders (org_id, id) on delete cascade,
    foreign key (org_id, part_id) references catalog.parts (org_id, id)
);
create index purchase_order_lines_order_idx on inventory.purchase_order_lines (purchase_order_id, line_no);
-- What is on order of a part (open orders' lines), for the suggested-purchase list.
create index purchase_order_lines_part_idx on inventory.purchase_order_lines (org_id, part_id);

do $$
declare t text;
begin
    foreach t in array array['supplier_parts', 'purchase_orders', 'purchase_order_lines']
    loop
        execute format('alter table inventory.%I enable row level security', t);
        execute format('alter table inventory.%I force row level security', t);
        execute format($p$create policy tenant_isolation on inventory.%I
            using (org_id = nullif(current_setting('app.org_id', true), '')::uuid)$p$, t);
    end loop;
end $$;

grant select, insert, update, delete on inventory.supplier_parts, inventory.purchase_orders,
    inventory.purchase_order_lines to ${app_role};
