-- Dimensions and specifications are JSON objects. Earlier rows holding another JSON value keep it under "value".
update catalog.parts set dimensions = jsonb_build_object('value', dimensions)
 where dimensions is not null and jsonb_typeof(dimensions) <> 'object';
update catalog.parts set specifications = jsonb_build_object('value', specifications)
 where specifications is not null and jsonb_typeof(specifications) <> 'object';
alter table catalog.parts
    add constraint parts_dimensions_object check (dimensions is null or jsonb_typeof(dimensions) = 'object'),
    add constraint parts_specifications_object
        check (specifications is null or jsonb_typeof(specifications) = 'object');

-- A product's variants: a 5-character system code (Crockford base32, unique per organization), attributes, price.
create table catalog.variants (
    org_id     uuid           not null,
    id         uuid primary key,
    product_id uuid           not null,
    code       text           not null check (code ~ '^[0-9A-HJKMNP-TV-Z]{5}$'),
    name       text           not null check (length(trim(name)) between 1 and 200),
    sku        text           check (sku is null or length(trim(sku)) between 1 and 100),
    attributes jsonb          not null default '{}' check (jsonb_typeof(attributes) = 'object'),
    price      numeric(19, 4) check (price >= 0),
    cost_price numeric(19, 4) check (cost_price >= 0),
    status     text           not null check (status in ('ACTIVE', 'INACTIVE', 'DISCONTINUED')),
    created_at timestamptz    not null,
    updated_at timestamptz    not null,
    version    bigint         not null default 0,
    constraint variants_code_key unique (org_id, code),
    unique (org_id, id),
    foreign key (org_id, product_id) references catalog.products (org_id, id)
);
create unique index variants_sku_key on catalog.variants (org_id, sku) where sku is not null;
create index variants_product_idx on catalog.variants (org_id, product_id);

-- How a partner factory knows a variant: owned by the brand organization (org_id), one mapping per factory.
-- factory_org_id names an organization of the accounts module (no cross-schema foreign key; the service
-- requires an ACTIVE partnership when the mapping is made).
create table catalog.supplier_variants (
    org_id                uuid           not null,
    id                    uuid primary key,
    variant_id            uuid           not null,
    factory_org_id        uuid           not null,
    supplier_product_code text           check (length(trim(supplier_product_code)) between 1 and 100),
    supplier_variant_code text           check (length(trim(supplier_variant_code)) between 1 and 100),
    supplier_sku          text           check (length(trim(supplier_sku)) between 1 and 100),
    supplier_price        numeric(19, 4) check (supplier_price >= 0),
    minimum_quantity      numeric(19, 6) check (minimum_quantity > 0),
    lead_time_days        int            check (lead_time_days >= 0),
    availability          text           not null
        check (availability in ('AVAILABLE', 'LIMITED', 'OUT_OF_STOCK', 'DISCONTINUED')),
    created_at            timestamptz    not null,
    updated_at            timestamptz    not null,
    version               bigint         not null default 0,
    constraint supplier_variants_factory_key unique (org_id, variant_id, factory_org_id),
    unique (org_id, id),
    foreign key (org_id, variant_id) references catalog.variants (org_id, id)
);
-- One factory SKU stands for one of the brand's variants.
create unique index supplier_variants_sku_key on catalog.supplier_variants (org_id, factory_org_id, supplier_sku)
    where supplier_sku is not null;

do $$
declare t text;
begin
    foreach t in array array['variants', 'supplier_variants']
    loop
        execute format('alter table catalog.%I enable row level security', t);
        execute format('alter table catalog.%I force row level security', t);
        execute format($p$create policy tenant_isolation on catalog.%I
            using (org_id = nullif(current_setting('app.org_id', true), '')::uuid)$p$, t);
    end loop;
end $$;

grant select, insert, update, delete on catalog.variants, catalog.supplier_variants to ${app_role};

-- Import jobs: categories and variants; every error counted, only the first ones stored.
alter table catalog.import_jobs drop constraint import_jobs_kind_check;
alter table catalog.import_jobs
    add constraint import_jobs_kind_check
        check (kind in ('categories', 'parts', 'products', 'variants', 'bom-lines')),
    add column format text not null default 'csv' check (format in ('csv', 'json')),
    add column error_count int not null default 0 check (error_count >= 0),
    -- the run of the application whose worker processes the job
    add column runner uuid;

-- At start-up the application fails the jobs a previous run left RUNNING. No organization is set then, so these
-- policies (and only while the transaction sets app.sweep) show RUNNING jobs and let them become FAILED (an update
-- must be able to read its new row, hence FAILED in the read policy).
create policy interrupted_jobs_read on catalog.import_jobs for select
    using (status in ('RUNNING', 'FAILED') and current_setting('app.sweep', true) = 'catalog.import_jobs');
create policy interrupted_jobs_fail on catalog.import_jobs for update
    using (status = 'RUNNING' and current_setting('app.sweep', true) = 'catalog.import_jobs')
    with check (status = 'FAILED');

-- BOM lines name their component polymorphically (component_type, component_id), which no foreign key can express.
-- These triggers do what one would: a line needs its component (locked FOR KEY SHARE until the line commits), and a
-- part or product named by a line cannot be deleted. Errors carry SQLSTATE 23503 like a foreign key's.
create function catalog.bom_line_component_exists() returns trigger language plpgsql as $$
begin
    if new.component_type = 'PART' then
        perform 1 from catalog.parts where org_id = new.org_id and id = new.component_id for key share;
    else
        perform 1 from catalog.products where org_id = new.org_id and id = new.component_id for key share;
    end if;
    if not found then
        raise foreign_key_violation using constraint = 'bom_lines_component_fkey',
            message = format('%s %s of a BOM line does not exist', lower(new.component_type), new.component_id);
    end if;
    return new;
end $$;

create trigger bom_lines_component_exists
    before insert or update of component_type, component_id on catalog.bom_lines
    for each row execute function catalog.bom_line_component_exists();

create function catalog.component_not_in_bom() returns trigger language plpgsql as $$
begin
    if exists (select 1 from catalog.bom_lines
                where org_id = old.org_id and component_type = tg_argv[0] and component_id = old.id) then
        raise foreign_key_violation using constraint = 'bom_lines_component_fkey',
            message = format('%s %s is named by a BOM line', lower(tg_argv[0]), old.id);
    end if;
    return old;
end $$;

create trigger parts_not_in_bom before delete on catalog.parts
    for each row execute function catalog.component_not_in_bom('PART');
create trigger products_not_in_bom before delete on catalog.products
    for each row execute function catalog.component_not_in_bom('PRODUCT');
