create schema if not exists customers;
grant usage on schema customers to ${app_role};

-- An organization's customers. The code is the organization's (typed, or the next number of the "customers"
-- series); an e-mail address names one customer per organization, whatever its case.
create table customers.customers (
    org_id           uuid           not null,
    id               uuid primary key,
    code             text           not null check (length(trim(code)) between 1 and 50),
    name             text           not null check (length(trim(name)) between 1 and 200),
    email            text           check (length(email) between 3 and 254),
    phone            text           check (length(phone) <= 50),
    billing_address  jsonb          check (jsonb_typeof(billing_address) = 'object'),
    shipping_address jsonb          check (jsonb_typeof(shipping_address) = 'object'),
    tags             text[]         not null default '{}' check (cardinality(tags) <= 50),
    status           text           not null check (status in ('ACTIVE', 'INACTIVE', 'PROSPECT', 'BLOCKED', 'VIP')),
    payment_terms    int            check (payment_terms between 0 and 365),
    credit_limit     numeric(19, 4) check (credit_limit >= 0),
    tax_exempt       boolean        not null default false,
    external_id      text           check (length(trim(external_id)) between 1 and 100),
    created_at       timestamptz    not null,
    updated_at       timestamptz    not null,
    version          bigint         not null default 0,
    constraint customers_code_key unique (org_id, code),
    unique (org_id, id)
);
create unique index customers_email_key on customers.customers (org_id, lower(email)) where email is not null;
create index customers_name_idx on customers.customers (org_id, name, id);

-- A customer's people; at most one of them is the primary contact.
create table customers.contacts (
    org_id      uuid        not null,
    id          uuid primary key,
    customer_id uuid        not null,
    name        text        not null check (length(trim(name)) between 1 and 200),
    role        text        check (length(role) <= 100),
    email       text        check (length(email) between 3 and 254),
    phone       text        check (length(phone) <= 50),
    is_primary  boolean     not null default false,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    version     bigint      not null default 0,
    foreign key (org_id, customer_id) references customers.customers (org_id, id)
);
create unique index contacts_one_primary_key on customers.contacts (org_id, customer_id) where is_primary;
create index contacts_customer_idx on customers.contacts (org_id, customer_id);

do $$
declare t text;
begin
    foreach t in array array['customers', 'contacts']
    loop
        execute format('alter table customers.%I enable row level security', t);
        execute format('alter table customers.%I force row level security', t);
        execute format($p$create policy tenant_isolation on customers.%I
            using (org_id = nullif(current_setting('app.org_id', true), '')::uuid)$p$, t);
    end loop;
end $$;

grant select, insert, update, delete on customers.customers, customers.contacts to ${app_role};
