create schema if not exists orders;
grant usage on schema orders to ${app_role};

-- An order. org_id is the organization that fulfils it; a brand's purchase order to a partner factory is a row of
-- the factory (org_id) that names the brand (brand_org_id) and is shared with it by the policies below. Exactly one
-- of customer_id (an order of one of the organization's customers) and brand_org_id (a purchase order) is set.
-- The code comes from the numbering series of the organization that placed the order (placed_by_org_id): the
-- fulfilling organization's "orders" series, or the brand's "purchase-orders" series.
create table orders.orders (
    org_id               uuid           not null,
    id                   uuid primary key,
    placed_by_org_id     uuid           not null,
    code                 text           not null check (length(trim(code)) between 1 and 50),
    customer_id          uuid,
    brand_org_id         uuid,
    -- the customer's name (or the brand's, for a purchase order) when the order was placed: what lists and search
    -- show without reading another module's tables
    party_name           text           not null check (length(trim(party_name)) between 1 and 200),
    type                 text           not null check (type in ('STANDARD', 'CUSTOM', 'RUSH', 'PROTOTYPE')),
    priority             text           not null check (priority in ('LOW', 'NORMAL', 'HIGH', 'URGENT')),
    phase                text           not null check (phase in ('DRAFT', 'CONFIGURATION', 'APPROVAL', 'PRODUCTION',
        'QUALITY_CONTROL', 'PACKAGING', 'SHIPPING', 'DELIVERED', 'ON_HOLD', 'CANCELLED')),
    -- the phase an order ON_HOLD left, to which it resumes
    held_from_phase      text           check (held_from_phase in ('DRAFT', 'CONFIGURATION', 'APPROVAL', 'PRODUCTION',
        'QUALITY_CONTROL', 'PACKAGING', 'SHIPPING')),
    phase_entered_at     timestamptz    not null,
    ordered_on           date           not null,
    requested_on         date,
    promised_on          date,
    delivered_on         date,
    assignee_id          uuid,
    special_instructions text           check (length(special_instructions) <= 4000),
    currency             text           not null check (currency ~ '^[A-Z]{3}$'),
    subtotal             numeric(19, 4) not null default 0 check (subtotal >= 0),
    discount             numeric(19, 4) not null default 0 check (discount >= 0),
    tax                  numeric(19, 4) not null default 0 check (tax >= 0),
    shipping             numeric(19, 4) not null default 0 check (shipping >= 0),
    total                numeric(19, 4) not null default 0 check (total >= 0),
    -- the factory's reason for refusing a purchase order (phase CANCELLED)
    rejection_reason     text           check (length(rejection_reason) <= 2000),
    created_by           uuid,
    created_at           timestamptz    not null,
    updated_at           timestamptz    not null,
    version              bigint         not null default 0,
    constraint orders_code_key unique (placed_by_org_id, code),
    unique (org_id, id),
    unique (org_id, id, brand_org_id),
    constraint orders_one_party check ((customer_id is null) <> (brand_org_id is null)),
    constraint orders_placed_by check (placed_by_org_id = coalesce(brand_org_id, org_id)),
    constraint orders_not_to_self check (brand_org_id is distinct from org_id),
    constraint orders_held_phase check ((phase = 'ON_HOLD') = (held_from_phase is not null)),
    constraint orders_total_adds_up check (total = subtotal - discount + tax + shipping),
    constraint orders_delivered_date check ((phase = 'DELIVERED') <= (delivered_on is not null))
);
create index orders_org_phase_idx on orders.orders (org_id, phase, ordered_on desc, id desc);
create index orders_org_created_idx on orders.orders (org_id, created_at desc, id desc);
create index orders_customer_idx on orders.orders (org_id, customer_id, ordered_on desc, id desc)
    where customer_id is not null;
create index orders_brand_idx on orders.orders (brand_org_id, created_at desc, id desc)
    where brand_org_id is not null;

-- What only the fulfilling organization knows of an order: never shared with the brand of a purchase order, so
-- this table keeps the tenant-only policy.
create table orders.order_internals (
    org_id         uuid           not null,
    order_id       uuid primary key,
    internal_notes text           check (length(internal_notes) <= 10000),
    estimated_cost numeric(19, 4) check (estimated_cost >= 0),
    foreign key (org_id, order_id) references orders.orders (org_id, id) on delete cascade
);

-- An order's lines. For a purchase order, product_id and variant_id are the brand's; sku and name are copied from
-- the brand's catalog when the line is written, and supplier_* are the factory's own codes for that variant (the
-- brand's supplier-variant mapping), so the factory never reads the brand's catalog.
create table orders.order_lines (
    org_id                uuid           not null,
    id                    uuid primary key,
    order_id              uuid           not null,
    brand_org_id          uuid,
    line_no               int            not null check (line_no >= 1),
    product_id            uuid           not null,
    variant_id            uuid,
    sku                   text           not null check (length(trim(sku)) between 1 and 100),
    name                  text           not null check (length(trim(name)) between 1 and 400),
    supplier_product_code text           check (length(supplier_product_code) <= 100),
    supplier_variant_code text           check (length(supplier_variant_code) <= 100),
    supplier_sku          text           check (length(supplier_sku) <= 100),
    quantity              numeric(19, 6) not null check (quantity > 0 and quantity <= 1000000000),
    unit_price            numeric(19, 4) not null check (unit_price >= 0),
    line_total            numeric(19, 4) not null check (line_total = round(quantity * unit_price, 4)),
    -- filled by the configurator and the catalog's BOM when those modules name them
    configuration_id      uuid,
    bom_id                uuid,
    created_at            timestamptz    not null,
    updated_at            timestamptz    not null,
    version               bigint         not null default 0,
    constraint order_lines_number_key unique (org_id, order_id, line_no),
    foreign key (org_id, order_id) references orders.orders (org_id, id) on delete cascade,
    -- a line is shared with the order's brand and no other
    foreign key (org_id, order_id, brand_org_id) references orders.orders (org_id, id, brand_org_id)
        on delete cascade
);
create index order_lines_order_idx on orders.order_lines (order_id, line_no);

-- Every phase change of an order, from its creation (from_phase null) on: who, why, and how long the order spent in
-- the phase it left.
create table orders.phase_changes (
    org_id         uuid        not null,
    id             uuid primary key,
    order_id       uuid        not null,
    brand_org_id   uuid,
    from_phase     text,
    to_phase       text        not null,
    actor_id       uuid,
    reason         text        check (length(reason) <= 2000),
    at             timestamptz not null,
    time_in_phase  interval    check (time_in_phase >= interval '0'),
    constraint phase_changes_first check ((from_phase is null) = (time_in_phase is null)),
    constraint phase_changes_moves check (from_phase is distinct from to_phase),
    foreign key (org_id, order_id) references orders.orders (org_id, id) on delete cascade,
    foreign key (org_id, order_id, brand_org_id) references orders.orders (org_id, id, brand_org_id)
        on delete cascade
);
create index phase_changes_order_idx on orders.phase_changes (order_id, at, id);

-- An organization's tightening of the default transition table: a listed transition is either disabled or needs a
-- permission. Only transitions of the default table can be listed (the service checks), so nothing is widened.
create table orders.phase_rules (
    org_id              uuid    not null,
    from_phase          text    not null,
    to_phase            text    not null,
    disabled            boolean not null default false,
    required_permission text    check (length(required_permission) between 1 and 100),
    primary key (org_id, from_phase, to_phase),
    check (disabled or required_permission is not null)
);

-- Row-level security. The fulfilling organization sees and changes its rows; the brand of a purchase order sees the
-- order, its lines and its history (never order_internals), may place a purchase order only with a factory it has an
-- ACTIVE partnership with, and may change nothing after placing it but cancel it while it is a DRAFT.
do $$
declare t text;
begin
    foreach t in array array['orders', 'order_internals', 'order_lines', 'phase_changes', 'phase_rules']
    loop
        execute format('alter table orders.%I enable row level security', t);
        execute format('alter table orders.%I force row level security', t);
    end loop;
    foreach t in array array['order_internals', 'phase_rules']
    loop
        execute format($p$create policy tenant_isolation on orders.%I
            using (org_id = nullif(current_setting('app.org_id', true), '')::uuid)$p$, t);
    end loop;
    foreach t in array array['orders', 'order_lines', 'phase_changes']
    loop
        execute format($p$create policy owner_all on orders.%I
            using (org_id = nullif(current_setting('app.org_id', true), '')::uuid)$p$, t);
        execute format($p$create policy brand_reads on orders.%I for select
            using (brand_org_id = nullif(current_setting('app.org_id', true), '')::uuid)$p$, t);
    end loop;
end $$;

create policy brand_places on orders.orders for insert
    with check (brand_org_id = nullif(current_setting('app.org_id', true), '')::uuid
        and phase = 'DRAFT'
        and exists (select 1 from accounts.partnerships p
                     where p.brand_org_id = orders.brand_org_id and p.factory_org_id = orders.org_id
                       and p.status = 'ACTIVE'));
create policy brand_cancels_draft on orders.orders for update
    using (brand_org_id = nullif(current_setting('app.org_id', true), '')::uuid and phase = 'DRAFT')
    with check (brand_org_id = nullif(current_setting('app.org_id', true), '')::uuid
        and phase in ('DRAFT', 'CANCELLED'));
create policy brand_writes_draft_lines on orders.order_lines for insert
    with check (brand_org_id = nullif(current_setting('app.org_id', true), '')::uuid
        and exists (select 1 from orders.orders o
                     where o.id = order_lines.order_id and o.org_id = order_lines.org_id
                       and o.brand_org_id = order_lines.brand_org_id and o.phase = 'DRAFT'));
create policy brand_records_changes on orders.phase_changes for insert
    with check (brand_org_id = nullif(current_setting('app.org_id', true), '')::uuid
        and exists (select 1 from orders.orders o
                     where o.id = phase_changes.order_id and o.org_id = phase_changes.org_id
                       and o.brand_org_id = phase_changes.brand_org_id));

grant select, insert, update, delete on orders.orders, orders.order_internals, orders.order_lines,
    orders.phase_changes, orders.phase_rules to ${app_role};
