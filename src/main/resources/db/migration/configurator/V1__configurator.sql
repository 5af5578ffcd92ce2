create schema if not exists configurator;
grant usage on schema configurator to ${app_role};

-- What a customer chooses about a product: typed, ordered, grouped, each with a default and a help text. An option
-- may be shown only when a CEL condition over the other values holds (visible_when).
create table configurator.options (
    org_id        uuid           not null,
    id            uuid primary key,
    product_id    uuid           not null,
    code          text           not null check (code ~ '^[a-z][a-z0-9_]{0,49}$'),
    label         text           not null check (length(trim(label)) between 1 and 200),
    type          text           not null check (type in ('NUMBER', 'CHOICE', 'BOOLEAN', 'TEXT')),
    min_value     numeric(19, 6),
    max_value     numeric(19, 6),
    step          numeric(19, 6) check (step > 0),
    unit          text           check (length(unit) <= 20),
    -- CHOICE: [{"value": "undermount", "label": "Undermount"}, ...]
    choices       jsonb          not null default '[]' check (jsonb_typeof(choices) = 'array'),
    pattern       text           check (length(pattern) <= 500),
    default_value jsonb,
    help          text           check (length(help) <= 2000),
    position      int            not null default 0 check (position >= 0),
    group_name    text           check (length(group_name) <= 100),
    required      boolean        not null default true,
    visible_when  text           check (length(visible_when) <= 4000),
    created_at    timestamptz    not null,
    updated_at    timestamptz    not null,
    version       bigint         not null default 0,
    unique (org_id, id),
    unique (org_id, product_id, code),
    check (min_value is null or max_value is null or min_value <= max_value),
    check (type = 'CHOICE' or choices = '[]'::jsonb),
    check (type <> 'CHOICE' or jsonb_array_length(choices) between 1 and 200),
    foreign key (org_id, product_id) references catalog.products (org_id, id) on delete cascade
);
create index options_product_idx on configurator.options (org_id, product_id, position);

-- Rules as data: of a product, or of every product of a category. Conditions and computed values are CEL, checked
-- when saved; priority orders them (lower first), ties by creation.
create table configurator.rules (
    org_id         uuid        not null,
    id             uuid primary key,
    product_id     uuid,
    category_id    uuid,
    name           text        not null check (length(trim(name)) between 1 and 200),
    description    text        check (length(description) <= 4000),
    type           text        not null
        check (type in ('VALIDATION', 'COMPATIBILITY', 'COMPONENT_SELECTION', 'PRICING', 'CUSTOM_PART')),
    priority       int         not null default 100 check (priority between -1000000 and 1000000),
    condition      text        not null default 'true' check (length(condition) between 1 and 4000),
    actions        jsonb       not null check (jsonb_typeof(actions) = 'array'),
    active         boolean     not null default true,
    example_values jsonb       not null default '{}' check (jsonb_typeof(example_values) = 'object'),
    created_at     timestamptz not null,
    updated_at     timestamptz not null,
    version        bigint      not null default 0,
    unique (org_id, id),
    check (num_nonnulls(product_id, category_id) = 1),
    foreign key (org_id, product_id) references catalog.products (org_id, id) on delete cascade,
    foreign key (org_id, category_id) references catalog.categories (org_id, id) on delete cascade
);
create index rules_product_idx on configurator.rules (org_id, product_id, priority) where product_id is not null;
create index rules_category_idx on configurator.rules (org_id, category_id, priority) where category_id is not null;

-- One set of values for a product, optionally for one order line, with what the rules made of them: valid or not,
-- the errors, the price, the rules that fired. Each change of values is a new revision (kept below); bom_id is the
-- BOM generated from the current revision, if any.
create table configurator.configurations (
    org_id        uuid           not null,
    id            uuid primary key,
    product_id    uuid           not null,
    order_line_id uuid,
    revision      int            not null default 1 check (revision >= 1),
    values        jsonb          not null check (jsonb_typeof(values) = 'object'),
    valid         boolean        not null,
    errors        jsonb          not null default '[]' check (jsonb_typeof(errors) = 'array'),
    price         numeric(19, 4),
    fired         jsonb          not null default '[]' check (jsonb_typeof(fired) = 'array'),
    bom_id        uuid,
    created_by    uuid,
    created_at    timestamptz    not null,
    updated_at    timestamptz    not null,
    version       bigint         not null default 0,
    unique (org_id, id),
    check (bom_id is null or valid),
    foreign key (org_id, product_id) references catalog.products (org_id, id),
    foreign key (org_id, bom_id) references catalog.boms (org_id, id)
);
create unique index configurations_order_line_idx on configurator.configurations (org_id, order_line_id)
    where order_line_id is not null;
create index configurations_product_idx on configurator.configurations (org_id, product_id, created_at desc);

-- Every revision of a configuration, append-only: revision n's parent is n - 1.
create table configurator.configuration_revisions (
    org_id           uuid           not null,
    configuration_id uuid           not null,
    revision         int            not null check (revision >= 1),
    values           jsonb          not null check (jsonb_typeof(values) = 'object'),
    valid            boolean        not null,
    errors           jsonb          not null default '[]',
    price            numeric(19, 4),
    created_by       uuid,
    created_at       timestamptz    not null,
    primary key (org_id, configuration_id, revision),
    foreign key (org_id, configuration_id) references configurator.configurations (org_id, id) on delete cascade
);

-- Each BOM generated from a configuration, append-only: the revision it came from and every rule applied.
create table configurator.generated_boms (
    org_id           uuid        not null,
    id               uuid primary key,
    configuration_id uuid        not null,
    revision         int         not null,
    bom_id           uuid        not null,
    rules_applied    jsonb       not null check (jsonb_typeof(rules_applied) = 'array'),
    created_by       uuid,
    created_at       timestamptz not null,
    unique (org_id, bom_id),
    foreign key (org_id, configuration_id) references configurator.configurations (org_id, id) on delete cascade,
    foreign key (org_id, bom_id) references catalog.boms (org_id, id)
);
create index generated_boms_configuration_idx on configurator.generated_boms (org_id, configuration_id, created_at);

-- The custom parts minted by CUSTOM_PART rules, by the hash of their specifications (name and computed
-- specifications, canonical JSON): the same specifications reuse one part. Claiming the hash first means a parallel
-- generation of the same specifications waits and reuses it instead of minting a twin.
create table configurator.custom_parts (
    org_id         uuid        not null,
    spec_hash      text        not null check (spec_hash ~ '^[0-9a-f]{64}$'),
    part_id        uuid        not null,
    specifications jsonb       not null check (jsonb_typeof(specifications) = 'object'),
    created_at     timestamptz not null,
    primary key (org_id, spec_hash),
    unique (org_id, part_id),
    foreign key (org_id, part_id) references catalog.parts (org_id, id) deferrable initially deferred
);

do $$
declare t text;
begin
    foreach t in array array['options', 'rules', 'configurations', 'configuration_revisions', 'generated_boms',
        'custom_parts']
    loop
        execute format('alter table configurator.%I enable row level security', t);
        execute format('alter table configurator.%I force row level security', t);
        execute format($p$create policy tenant_isolation on configurator.%I
            using (org_id = nullif(current_setting('app.org_id', true), '')::uuid)$p$, t);
    end loop;
end $$;

grant select, insert, update, delete on configurator.options, configurator.rules, configurator.configurations
    to ${app_role};
grant select, insert on configurator.configuration_revisions, configurator.generated_boms, configurator.custom_parts
    to ${app_role};
