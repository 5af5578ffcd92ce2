-- A customer's timeline: calls, e-mails, meetings and notes, each by one member, optionally with one contact.
alter table customers.contacts add constraint contacts_org_id_key unique (org_id, id);

create table customers.interactions (
    org_id      uuid        not null,
    id          uuid primary key,
    customer_id uuid        not null,
    contact_id  uuid,
    kind        text        not null check (kind in ('CALL', 'EMAIL', 'MEETING', 'NOTE')),
    subject     text        not null check (length(trim(subject)) between 1 and 200),
    body        text        check (length(body) <= 10000),
    occurred_at timestamptz not null,
    author_id   uuid,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    version     bigint      not null default 0,
    foreign key (org_id, customer_id) references customers.customers (org_id, id) on delete cascade,
    foreign key (org_id, contact_id) references customers.contacts (org_id, id) on delete set null (contact_id)
);
-- the timeline, newest first, paged by (occurred_at, id)
create index interactions_timeline_idx on customers.interactions (org_id, customer_id, occurred_at desc, id desc);

-- Quotes: a code from the organization's "quotes" series, lines priced from the catalog, totals computed by the
-- application (numeric(19,4), HALF_EVEN) and checked here to add up. A quote's customer cannot be deleted under it.
create table customers.quotes (
    org_id         uuid           not null,
    id             uuid primary key,
    code           text           not null check (length(trim(code)) between 1 and 50),
    customer_id    uuid           not null,
    status         text           not null check (status in ('DRAFT', 'SENT', 'ACCEPTED', 'REJECTED', 'EXPIRED')),
    currency       text           not null check (currency ~ '^[A-Z]{3}$'),
    valid_until    date           not null,
    discount       numeric(19, 4) not null default 0 check (discount >= 0),
    tax_rate       numeric(7, 4)  check (tax_rate between 0 and 100),
    tax_amount     numeric(19, 4) check (tax_amount >= 0),
    subtotal       numeric(19, 4) not null default 0 check (subtotal >= 0),
    tax            numeric(19, 4) not null default 0 check (tax >= 0),
    total          numeric(19, 4) not null default 0 check (total >= 0),
    notes          text           check (length(notes) <= 4000),
    reject_reason  text           check (length(reject_reason) <= 1000),
    sent_at        timestamptz,
    decided_at     timestamptz,
    order_id       uuid,
    created_by     uuid,
    edited_at      timestamptz    not null,
    created_at     timestamptz    not null,
    updated_at     timestamptz    not null,
    version        bigint         not null default 0,
    constraint quotes_code_key unique (org_id, code),
    unique (org_id, id),
    check (tax_rate is null or tax_amount is null),
    check (discount <= subtotal),
    check (total = subtotal - discount + tax),
    check (order_id is null or status = 'ACCEPTED'),
    foreign key (org_id, customer_id) references customers.customers (org_id, id)
);
create index quotes_list_idx on customers.quotes (org_id, created_at desc, id desc);
create index quotes_customer_idx on customers.quotes (org_id, customer_id, created_at desc, id desc);
create index quotes_sent_idx on customers.quotes (valid_until) where status = 'SENT';

create table customers.quote_lines (
    org_id     uuid           not null,
    id         uuid primary key,
    quote_id   uuid           not null,
    position   int            not null check (position >= 0),
    product_id uuid           not null,
    variant_id uuid,
    sku        text           not null,
    name       text           not null,
    quantity   numeric(19, 4) not null check (quantity > 0),
    list_price numeric(19, 4) check (list_price >= 0),
    unit_price numeric(19, 4) not null check (unit_price >= 0),
    line_total numeric(19, 4) not null check (line_total >= 0),
    created_at timestamptz    not null,
    updated_at timestamptz    not null,
    version    bigint         not null default 0,
    foreign key (org_id, quote_id) references customers.quotes (org_id, id) on delete cascade
);
create index quote_lines_quote_idx on customers.quote_lines (org_id, quote_id, position);

do $$
declare t text;
begin
    foreach t in array array['interactions', 'quotes', 'quote_lines']
    loop
        execute format('alter table customers.%I enable row level security', t);
        execute format('alter table customers.%I force row level security', t);
        execute format($p$create policy tenant_isolation on customers.%I
            using (org_id = nullif(current_setting('app.org_id', true), '')::uuid)$p$, t);
    end loop;
end $$;

grant select, insert, update, delete on customers.interactions, customers.quotes, customers.quote_lines
    to ${app_role};

-- The expiry sweep finds which organizations have SENT quotes that may have passed their date, then expires them
-- organization by organization in that organization's own context (its time zone decides the date). Only this
-- function, running as the owner of the table (under the forced row-level security like anyone else), sees across
-- organizations, through an owner-only read policy that also needs its own transaction-local app.sweep; it reveals
-- only organization ids. No organization is ahead of UTC by more than 14 hours, so a quote still valid at UTC+14
-- is valid everywhere.
do $$
begin
    execute format($p$create policy expiry_sweep on customers.quotes for select to %I
        using (current_setting('app.sweep', true) = 'customers.quotes')$p$, current_user);
end
$$;

create function customers.orgs_with_quotes_to_expire(at timestamptz)
    returns table (org_id uuid)
    language plpgsql security definer set search_path = customers, pg_temp as $$
declare
    previous text := coalesce(current_setting('app.sweep', true), '');
begin
    perform set_config('app.sweep', 'customers.quotes', true);
    return query
        select distinct q.org_id from customers.quotes q
         where q.status = 'SENT' and q.valid_until < ((at at time zone 'UTC') + interval '14 hours')::date;
    perform set_config('app.sweep', previous, true);
end
$$;
revoke all on function customers.orgs_with_quotes_to_expire(timestamptz) from public;
grant execute on function customers.orgs_with_quotes_to_expire(timestamptz) to ${app_role};
