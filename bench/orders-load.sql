-- Loads the orders benchmark's data set into a Traveler database, as the embedded server's superuser (run by
-- bench/orders.sh; see bench/README.md). psql variables:
--   orders      orders in all (default 1,000,000 in orders.sh), about 3 lines and 7 phase changes each
--   big_org     the signed-up FACTORY that gets the most orders (organization 1 of 45 factories)
--   brand_org   the signed-up BRAND (organization 46 of 5 brands), partner of factories 1-3
--   brand_user  a user of the brand (partnerships name who invited)
-- 50 organizations: 45 factories whose own orders follow 1/rank (the biggest about 22 %, the smallest 0.5 %) and 5
-- brands placing purchase orders (1 % of all) with three factories each. Customers per factory: a tenth of its
-- orders, between 1,000 and 20,000, chosen with a skew (a few customers place many orders). Orders spread over
-- three years, newest now; an order moves through the phases every 1-5 days, so all but the last weeks' orders are
-- DELIVERED, 6 % were CANCELLED on the way and 1.5 % of the last half year's are ON_HOLD. A third carry special
-- instructions. Lines, totals and the phase history are consistent with the schema's checks; foreign keys are
-- consistent by construction and not re-checked row by row (session_replication_role = replica).
\set ON_ERROR_STOP on
\timing on
set session_replication_role = replica;
set maintenance_work_mem = '512MB';
set work_mem = '256MB';
set synchronous_commit = off;
set max_parallel_maintenance_workers = 2;

drop schema if exists bench cascade;
create schema bench;

-- a UUIDv7-like id for a time (the application's ids are UUIDv7): time-ordered, so index inserts stay at the end
create function bench.id_at(t timestamptz) returns uuid language sql volatile as $$
    select (lpad(to_hex((extract(epoch from t) * 1000)::bigint), 12, '0')
            || '7' || substr(replace(gen_random_uuid()::text, '-', ''), 14, 19))::uuid
$$;

create unlogged table bench.orgs as
with base as (
    select i as idx,
           case when i = 1 then :'big_org'::uuid when i = 46 then :'brand_org'::uuid else gen_random_uuid() end as id,
           case when i <= 45 then 'FACTORY' else 'BRAND' end as kind
      from generate_series(1, 50) i),
weights as (select sum(1.0 / idx) as h from base where kind = 'FACTORY')
select b.idx, b.id, b.kind,
       coalesce(o.name, case when b.kind = 'FACTORY' then 'Bench factory ' else 'Bench brand ' end || b.idx) as name,
       case when b.kind = 'FACTORY' then round(:orders * 0.99 * (1.0 / b.idx) / w.h)::int
            else round(:orders * 0.002)::int end as n_orders
  from base b cross join weights w left join accounts.organizations o on o.id = b.id;
alter table bench.orgs add column n_customers int;
update bench.orgs set n_customers = greatest(1000, least(20000, n_orders / 10)) where kind = 'FACTORY';

insert into accounts.organizations (id, name, kind, created_at, updated_at)
select id, name, kind, now() - interval '3 years 1 month', now() - interval '3 years 1 month'
  from bench.orgs
on conflict (id) do nothing;

-- every brand works with three factories; the signed-up brand with factories 1 (the biggest), 2 and 3
insert into accounts.partnerships (id, brand_org_id, factory_org_id, status, invited_by, invited_at, accepted_at,
                                   created_at, updated_at)
select gen_random_uuid(), b.id, f.id, 'ACTIVE', :'brand_user'::uuid, now() - interval '3 years 1 month',
       now() - interval '3 years 1 month', now() - interval '3 years 1 month', now() - interval '3 years 1 month'
  from bench.orgs b
  join bench.orgs f on f.kind = 'FACTORY' and f.idx in (b.idx - 45, b.idx - 44, b.idx - 43)
 where b.kind = 'BRAND'
on conflict do nothing;

create unlogged table bench.customers as
select o.idx as org_idx, o.id as org_id, c.no, bench.id_at(now() - interval '3 years 1 month' + c.no * interval '1 second') as id,
       (array['Abbott', 'Achterberg', 'Baker', 'Barnes', 'Bianchi', 'Blackwood', 'Brennan', 'Castillo', 'Chen',
              'Dalton', 'Delacroix', 'Eriksen', 'Fairbanks', 'Fischer', 'Gallagher', 'Garcia', 'Hartley', 'Holloway',
              'Ibsen', 'Jansen', 'Kowalski', 'Lambert', 'Lindqvist', 'Marchetti', 'Moreau', 'Nakamura', 'Novak',
              'O''Brien', 'Okafor', 'Petrov', 'Quinn', 'Rasmussen', 'Rossi', 'Schmidt', 'Sorensen', 'Tanaka',
              'Thornton', 'Vasquez', 'Weber', 'Whitfield', 'Yilmaz', 'Zimmermann', 'Alder', 'Birch', 'Cedar',
              'Harbor', 'Summit', 'Northwind', 'Bluewater', 'Redstone', 'Ironwood', 'Silverline', 'Goldcrest',
              'Greenfield', 'Oakridge', 'Pinecrest', 'Riverside', 'Stonebridge', 'Westbrook', 'Marlowe'])[1 + floor(random() * 60)::int]
       || ' ' ||
       (array['Apparel', 'Outfitters', 'Textiles', 'Workwear', 'Sportswear', 'Uniforms', 'Boutique', 'Fashion House',
              'Garments', 'Knitwear', 'Retail', 'Supply', 'Trading', 'Design Studio', 'Leather Goods', 'Denim',
              'Tailoring', 'Merchandise', 'Collective', 'Atelier'])[1 + floor(random() * 20)::int]
       || ' ' ||
       (array['Ltd', 'GmbH', 'Inc.', '& Co.', 'S.A.', 'LLC', 'B.V.', 'AB'])[1 + floor(random() * 8)::int] as name
  from bench.orgs o cross join generate_series(1, o.n_customers) c(no)
 where o.kind = 'FACTORY';
alter table bench.customers add primary key (org_idx, no);

insert into customers.customers (org_id, id, code, name, status, tags, payment_terms, created_at, updated_at)
select org_id, id, 'C-' || lpad(no::text, 5, '0'), name,
       case when no % 50 = 0 then 'VIP' when no % 97 = 0 then 'INACTIVE' else 'ACTIVE' end, '{}', 30,
       now() - interval '3 years 1 month', now() - interval '3 years 1 month'
  from bench.customers;

-- a line's quantity, price and product follow from (gid, line_no), so the lines below add up to the order's subtotal
create function bench.qty(gid bigint, l int) returns numeric language sql immutable as
    $$ select (1 + (gid * 7919 + l * 104729) % 200)::numeric $$;
create function bench.price(gid bigint, l int) returns numeric language sql immutable as
    $$ select ((250 + (gid * 31337 + l * 7127) % 7750) / 100.0)::numeric(19, 4) $$;

-- One row per order with everything its order row, lines and history are made of. Phases are array indexes:
-- 1 DRAFT .. 8 DELIVERED; n_path is how far along that array the order went; term C = then CANCELLED, H = ON_HOLD.
create unlogged table bench.orders as
with raw as (
    select o.idx as org_idx, o.id as org_id, o.kind, o.name as org_name, o.n_customers, g.seq, o.n_orders,
           now() - interval '3 years' + (g.seq - 1 + random()) / o.n_orders * interval '3 years' as created_at,
           (86400 * (1 + floor(random() * 4)) + floor(random() * 36000))::int as step_s,
           random() as r_term, random() as r_at, random() as r_cust, random() as r_prio, random() as r_type,
           random() as r_notes, random() as r_misc
      from bench.orgs o cross join generate_series(1, o.n_orders) g(seq)),
phased as (
    select r.*,
           least(8, 1 + floor(extract(epoch from now() - r.created_at) / r.step_s))::int as reach
      from raw r),
termed as (
    select p.*,
           case when p.reach >= 2 and p.r_term < 0.06 then 'C'
                when p.reach >= 2 and p.r_term < 0.075 and p.created_at > now() - interval '180 days' then 'H' end as term
      from phased p),
detailed as (
select t.org_idx, t.org_id, t.seq, t.created_at, t.step_s,
       case when t.kind = 'BRAND' then f.id else t.org_id end as owner_id,
       case when t.kind = 'BRAND' then t.org_id end as brand_org_id,
       case when t.kind = 'BRAND' then 'PO-' else 'ORD-' end || extract(year from t.created_at) || '-'
           || lpad(t.seq::text, 6, '0') as code,
       case when t.kind = 'FACTORY' then 1 + floor(t.n_customers * t.r_cust * t.r_cust)::int end as customer_no,
       t.org_name,
       case when t.term = 'C' then least(t.reach - 1, 1 + floor(t.r_at * 4)::int)
            when t.term = 'H' then least(t.reach - 1, 1 + floor(t.r_at * 7)::int)
            else t.reach end as n_path,
       t.term,
       case when t.r_prio < 0.15 then 'LOW' when t.r_prio < 0.80 then 'NORMAL' when t.r_prio < 0.95 then 'HIGH'
            else 'URGENT' end as priority,
       case when t.r_type < 0.70 then 'STANDARD' when t.r_type < 0.85 then 'CUSTOM' when t.r_type < 0.95 then 'RUSH'
            else 'PROTOTYPE' end as type,
       case when t.r_notes < 0.35 then
           (array['Deliver to the loading dock at the rear', 'Call the store manager before delivery',
                  'Fragile: pack each item separately', 'Use recycled cartons only',
                  'Embroider the logo on the left chest', 'Screen print in Pantone 186 C',
                  'Fold and bag each garment individually', 'Add hang tags with the retail price',
                  'Ship on pallets, max height 1.6 m', 'Customer event on Friday, do not be late',
                  'Split shipment allowed', 'No split shipments', 'Include the packing list in every carton',
                  'Label cartons with the store number', 'Use the customer''s courier account',
                  'Invoice the head office, ship to the branch', 'Samples approved by e-mail',
                  'Match the colour of the previous batch', 'Wash test before packing', 'Remove all supplier labels',
                  'Size ratio per carton: S1 M2 L2 XL1', 'Deliver between 8:00 and 12:00', 'Gift wrap each item',
                  'Photo of the first piece before production', 'Priority customer, keep them informed',
                  'Vacuum pack for sea freight', 'Attach certificates of origin', 'Anti-moth sachets in every box',
                  'Quality check against the golden sample', 'Heat-seal the polybags'])[1 + floor(t.r_notes / 0.35 * 30)::int]
           || case when t.r_misc < 0.5 then '. Their reference ' || (10000 + floor(t.r_misc * 180000)::int) else '' end
       end as special_instructions,
       1 + floor(t.r_misc * 5)::int as n_lines,
       case when t.org_idx % 3 = 0 then 'USD' else 'EUR' end as currency,
       t.r_misc, t.r_at
  from termed t
  left join bench.orgs f on t.kind = 'BRAND' and f.idx = t.org_idx - 45 + (t.seq % 3)),
numbered as (
    select d.*, row_number() over (order by d.created_at) as gid, bench.id_at(d.created_at) as id from detailed d)
select n.*, (select sum(round(bench.qty(n.gid, l) * bench.price(n.gid, l), 4))
               from generate_series(1, n.n_lines) l) as subtotal
  from numbered n
 order by n.gid;
analyze bench.orders;

-- the secondary indexes of the three big tables are dropped for the load and built afterwards (far faster than
-- maintaining them row by row); constraint indexes stay
create table bench.dropped_indexes as
select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
  from pg_index i
  join pg_class c on c.oid = i.indrelid
  join pg_namespace n on n.oid = c.relnamespace
 where n.nspname = 'orders' and c.relname in ('orders', 'order_lines', 'phase_changes')
   and not exists (select from pg_constraint k where k.conindid = i.indexrelid);
do $$
declare r record;
begin
    for r in select name from bench.dropped_indexes loop
        execute 'drop index ' || r.name;
    end loop;
end $$;

\echo orders
insert into orders.orders (org_id, id, placed_by_org_id, code, customer_id, brand_org_id, party_name, type, priority,
                           phase, held_from_phase, phase_entered_at, ordered_on, requested_on, promised_on,
                           delivered_on, assignee_id, special_instructions, currency, subtotal, discount, tax,
                           shipping, total, created_by, created_at, updated_at, version)
select s.owner_id, s.id, coalesce(s.brand_org_id, s.owner_id), s.code, c.id, s.brand_org_id,
       coalesce(c.name, s.org_name), s.type, s.priority,
       case s.term when 'C' then 'CANCELLED' when 'H' then 'ON_HOLD' else ph.p[s.n_path] end,
       case when s.term = 'H' then ph.p[s.n_path] end,
       s.created_at + (s.n_path - case when s.term is null then 1 else 0 end) * s.step_s * interval '1 second',
       (s.created_at at time zone 'UTC')::date,
       (s.created_at at time zone 'UTC')::date + 14 + floor(s.r_at * 30)::int,
       case when s.r_misc < 0.85 then (s.created_at at time zone 'UTC')::date + 10 + floor(s.r_at * 40)::int end,
       case when s.term is null and s.n_path = 8
            then ((s.created_at + 7 * s.step_s * interval '1 second') at time zone 'UTC')::date end,
       case when s.r_at < 0.7 then md5(s.owner_id::text || 'assignee' || floor(s.r_misc * 12)::int)::uuid end,
       s.special_instructions, s.currency,
       s.subtotal, d.discount, d.tax, d.shipping, s.subtotal - d.discount + d.tax + d.shipping,
       null, s.created_at,
       s.created_at + (s.n_path - case when s.term is null then 1 else 0 end) * s.step_s * interval '1 second',
       s.n_path
  from bench.orders s
  cross join (select array['DRAFT', 'CONFIGURATION', 'APPROVAL', 'PRODUCTION', 'QUALITY_CONTROL', 'PACKAGING',
                           'SHIPPING', 'DELIVERED'] as p) ph
  cross join lateral (select case when s.r_at < 0.1 then round(s.subtotal * 0.05, 2) else 0 end as discount,
                             round(s.subtotal * 0.2, 2) as tax,
                             case when s.subtotal < 500 then 12.50 else 0 end as shipping) d
  left join bench.customers c on c.org_idx = s.org_idx and c.no = s.customer_no;

\echo order_lines
insert into orders.order_lines (org_id, id, order_id, brand_org_id, line_no, product_id, variant_id, sku, name,
                                quantity, unit_price, line_total, created_at, updated_at)
select s.owner_id, bench.id_at(s.created_at), s.id, s.brand_org_id, l,
       md5(s.org_id::text || 'product' || pr.k)::uuid,
       case when pr.k % 3 > 0 then md5(s.org_id::text || 'variant' || pr.k || '-' || pr.k % 3)::uuid end,
       'SKU-' || lpad(pr.k::text, 4, '0') || case when pr.k % 3 > 0 then '-' || (array['S', 'M', 'L'])[pr.k % 3] else '' end,
       (array['Polo shirt', 'Hoodie', 'T-shirt', 'Work jacket', 'Cargo trousers', 'Fleece vest', 'Rain coat',
              'Chef apron', 'Knitted beanie', 'Softshell jacket', 'Denim jeans', 'Oxford shirt'])[1 + pr.k % 12]
           || ' ' || (array['navy', 'black', 'white', 'olive', 'red', 'grey'])[1 + pr.k % 6],
       bench.qty(s.gid, l), bench.price(s.gid, l), round(bench.qty(s.gid, l) * bench.price(s.gid, l), 4),
       s.created_at, s.created_at
  from bench.orders s
  cross join generate_series(1, s.n_lines) l
  cross join lateral (select (1 + (s.gid * 13 + l * 7) % 400)::int as k) pr;

\echo phase_changes
insert into orders.phase_changes (org_id, id, order_id, brand_org_id, from_phase, to_phase, actor_id, reason, at,
                                  time_in_phase)
select s.owner_id, bench.id_at(s.created_at + (j - 1) * s.step_s * interval '1 second'), s.id, s.brand_org_id,
       case when j > 1 then ph.p[j - 1] end,
       case when j <= s.n_path then ph.p[j] when s.term = 'C' then 'CANCELLED' else 'ON_HOLD' end,
       md5(s.owner_id::text || 'assignee' || floor(s.r_misc * 12)::int)::uuid,
       case when j > s.n_path then
           case when s.term = 'C' then 'The customer withdrew the order' else 'Waiting for the fabric delivery' end end,
       s.created_at + (j - 1) * s.step_s * interval '1 second',
       case when j > 1 then s.step_s * interval '1 second' end
  from bench.orders s
  cross join (select array['DRAFT', 'CONFIGURATION', 'APPROVAL', 'PRODUCTION', 'QUALITY_CONTROL', 'PACKAGING',
                           'SHIPPING', 'DELIVERED'] as p) ph
  cross join generate_series(1, s.n_path + case when s.term is null then 0 else 1 end) j;

\echo indexes
do $$
declare r record;
begin
    for r in select name, def from bench.dropped_indexes loop
        execute r.def;
    end loop;
end $$;

\echo vacuum analyze
vacuum analyze orders.orders;
vacuum analyze orders.order_lines;
vacuum analyze orders.phase_changes;
analyze customers.customers;

select count(*) as orders, count(distinct org_id) as organizations from orders.orders;
select count(*) as order_lines from orders.order_lines;
select count(*) as phase_changes from orders.phase_changes;
drop schema bench cascade;
