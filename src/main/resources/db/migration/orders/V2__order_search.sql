-- Order lists and search at a million orders (issue 9; measured by bench/orders.sh). Every condition below is applied
-- under row-level security; the operators involved (uuid, text and date comparison, ilike) are leakproof (ilike made
-- so by the embedded server, see docs/architecture.md), so they still reach the indexes.
create extension if not exists btree_gin;

-- Text search: every word of `q` is a case-insensitive substring (ilike '%word%') of the code, the party's name or
-- the special instructions. One trigram index per column, each leading with org_id (btree_gin) so that only the
-- searching organization's candidates are read; a word's three scans combine as a BitmapOr, words as a BitmapAnd.
create index orders_org_code_trgm_idx on orders.orders using gin (org_id, code gin_trgm_ops);
create index orders_org_party_trgm_idx on orders.orders using gin (org_id, party_name gin_trgm_ops);
create index orders_org_instructions_trgm_idx on orders.orders using gin (org_id, special_instructions gin_trgm_ops)
    where special_instructions is not null;

-- A customer's history is listed newest first by created_at, like every order list: the index of V1 ordered it by
-- ordered_on, so a customer with thousands of orders was read in full and sorted for each page.
drop index orders.orders_customer_idx;
create index orders_customer_idx on orders.orders (org_id, customer_id, created_at desc, id desc)
    where customer_id is not null;

-- Priority with a date range (the urgent orders of a quarter): a few hundred rows of a large organization, found
-- directly instead of by walking its newest-first index past everything newer than the range.
create index orders_org_priority_idx on orders.orders (org_id, priority, ordered_on);

-- Every sort a list offers (OrderQueries.SORTS) walks an index of the organization's orders in that order, either
-- way, and stops after a page: otherwise sorting by total or code sorts all of a large organization's orders
-- (225,000 in the benchmark) for every page. created_at has V1's orders_org_created_idx; a phase filter with the
-- default order or ordered_on has V1's orders_org_phase_idx.
create index orders_org_ordered_idx on orders.orders (org_id, ordered_on desc, id desc);
create index orders_org_total_idx on orders.orders (org_id, total desc, id desc);
create index orders_org_code_idx on orders.orders (org_id, code desc, id desc);
create index orders_org_phase_entered_idx on orders.orders (org_id, phase_entered_at desc, id desc);
