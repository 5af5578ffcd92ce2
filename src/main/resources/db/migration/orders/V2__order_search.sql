-- Order lists and search at a million orders (issue 9). Every condition below is applied under row-level security;
-- the operators involved (uuid and text comparison, trigram ilike) are leakproof, so they still reach the indexes.
create extension if not exists btree_gin;

-- Text search: `q` matches a substring of the code, the party's name or the special instructions, case-insensitively
-- (ilike). One trigram index per column, each leading with org_id (btree_gin) so that only the searching
-- organization's candidates are read; the three combine as a BitmapOr.
create index orders_org_code_trgm_idx on orders.orders using gin (org_id, code gin_trgm_ops);
create index orders_org_party_trgm_idx on orders.orders using gin (org_id, party_name gin_trgm_ops);
create index orders_org_instructions_trgm_idx on orders.orders using gin (org_id, special_instructions gin_trgm_ops)
    where special_instructions is not null;
