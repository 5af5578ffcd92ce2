-- Part search under row-level security: a GIN index on the text alone holds every organization's parts, so a
-- trigram or full-text search reads and rechecks the candidates of all of them. With org_id as the first column
-- (btree_gin, a trusted extension) the index answers for the searching organization only, whatever the others hold.
create extension if not exists btree_gin;

create index parts_org_search_idx on catalog.parts using gin (org_id, search);
create index parts_org_name_trgm_idx on catalog.parts using gin (org_id, name gin_trgm_ops);
create index parts_org_number_trgm_idx on catalog.parts using gin (org_id, part_number gin_trgm_ops);
drop index catalog.parts_search_idx;
drop index catalog.parts_name_trgm_idx;
drop index catalog.parts_number_trgm_idx;
