create schema if not exists catalog;
grant usage on schema catalog to ${app_role};

-- Tenant-owned tables: org_id first in every key; RLS enabled and forced.
create table catalog.categories (
    org_id     uuid        not null,
    id         uuid primary key,
    code       text        not null check (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$'),
    name       text        not null check (length(trim(name)) between 1 and 200),
    parent_id  uuid,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    version    bigint      not null default 0,
    unique (org_id, code),
    unique (org_id, id),
    check (parent_id is null or parent_id <> id),
    foreign key (org_id, parent_id) references catalog.categories (org_id, id)
);

create table catalog.parts (
    org_id                 uuid           not null,
    id                     uuid primary key,
    part_number            text           not null check (length(trim(part_number)) between 1 and 100),
    name                   text           not null check (length(trim(name)) between 1 and 200),
    description            text,
    kind                   text           not null
        check (kind in ('COMPONENT', 'MATERIAL', 'CONSUMABLE', 'HARDWARE', 'ELECTRONIC')),
    unit_of_measure        text           not null check (length(trim(unit_of_measure)) between 1 and 20),
    unit_cost              numeric(19, 4) not null default 0 check (unit_cost >= 0),
    weight                 numeric(19, 6) check (weight >= 0),
    dimensions             jsonb,
    specifications         jsonb,
    lead_time_days         int            check (lead_time_days >= 0),
    minimum_order_quantity numeric(19, 6) check (minimum_order_quantity > 0),
    custom                 boolean        not null default false,
    status                 text           not null check (status in ('ACTIVE', 'INACTIVE', 'DISCONTINUED')),
    category_id            uuid,
    search                 tsvector generated always as (
        to_tsvector('simple', part_number || ' ' || name || ' ' || coalesce(description, ''))) stored,
    created_at             timestamptz    not null,
    updated_at             timestamptz    not null,
    version                bigint         not null default 0,
    unique (org_id, part_number),
    unique (org_id, id),
    foreign key (org_id, category_id) references catalog.categories (org_id, id)
);
create index parts_search_idx on catalog.parts using gin (search);
create index parts_name_trgm_idx on catalog.parts using gin (name gin_trgm_ops);
create index parts_number_trgm_idx on catalog.parts using gin (part_number gin_trgm_ops);
create index parts_kind_idx on catalog.parts (org_id, kind);

create table catalog.products (
    org_id              uuid           not null,
    id                  uuid primary key,
    sku                 text           not null check (length(trim(sku)) between 1 and 100),
    name                text           not null check (length(trim(name)) between 1 and 200),
    description         text,
    type                text           not null check (type in ('COMPONENT', 'KIT', 'SERVICE_PART', 'ACCESSORY')),
    base_price          numeric(19, 4) check (base_price >= 0),
    default_workflow_id uuid,
    status              text           not null check (status in ('DRAFT', 'ACTIVE', 'DISCONTINUED')),
    category_id         uuid,
    search              tsvector generated always as (
        to_tsvector('simple', sku || ' ' || name || ' ' || coalesce(description, ''))) stored,
    created_at          timestamptz    not null,
    updated_at          timestamptz    not null,
    version             bigint         not null default 0,
    unique (org_id, sku),
    unique (org_id, id),
    foreign key (org_id, category_id) references catalog.categories (org_id, id)
);
create index products_search_idx on catalog.products using gin (search);
create index products_name_trgm_idx on catalog.products using gin (name gin_trgm_ops);
create index products_sku_trgm_idx on catalog.products using gin (sku gin_trgm_ops);

create table catalog.boms (
    org_id         uuid        not null,
    id             uuid primary key,
    product_id     uuid        not null,
    number         int         not null check (number >= 1),
    status         text        not null
        check (status in ('DRAFT', 'PENDING_APPROVAL', 'APPROVED', 'ACTIVE', 'SUPERSEDED')),
    parent_bom_id  uuid,
    notes          text,
    created_at     timestamptz not null,
    updated_at     timestamptz not null,
    version        bigint      not null default 0,
    unique (org_id, product_id, number),
    unique (org_id, id),
    foreign key (org_id, product_id) references catalog.products (org_id, id),
    foreign key (org_id, parent_bom_id) references catalog.boms (org_id, id)
);
-- At most one ACTIVE bill of materials per product.
create unique index boms_one_active_idx on catalog.boms (org_id, product_id) where status = 'ACTIVE';

create table catalog.bom_lines (
    org_id           uuid           not null,
    id               uuid primary key,
    bom_id           uuid           not null,
    sequence         int            not null check (sequence >= 1),
    component_type   text           not null check (component_type in ('PART', 'PRODUCT')),
    component_id     uuid           not null,
    quantity         numeric(19, 6) not null check (quantity > 0),
    unit             text,
    waste_factor     numeric(9, 6)  not null default 0 check (waste_factor >= 0),
    optional         boolean        not null default false,
    substitute_group text,
    preference       int            not null default 0,
    notes            text,
    created_at       timestamptz    not null,
    updated_at       timestamptz    not null,
    version          bigint         not null default 0,
    unique (org_id, bom_id, sequence),
    foreign key (org_id, bom_id) references catalog.boms (org_id, id) on delete cascade
);
create index bom_lines_component_idx on catalog.bom_lines (org_id, component_type, component_id);

do $$
declare t text;
begin
    foreach t in array array['categories', 'parts', 'products', 'boms', 'bom_lines']
    loop
        execute format('alter table catalog.%I enable row level security', t);
        execute format('alter table catalog.%I force row level security', t);
        execute format($p$create policy tenant_isolation on catalog.%I
            using (org_id = nullif(current_setting('app.org_id', true), '')::uuid)$p$, t);
    end loop;
end $$;

grant select, insert, update, delete on catalog.categories, catalog.parts, catalog.products, catalog.boms,
    catalog.bom_lines to ${app_role};
