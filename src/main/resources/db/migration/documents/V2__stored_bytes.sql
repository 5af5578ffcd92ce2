-- What an organization's documents take in the store, checked against traveler.documents.max-stored-bytes-per-
-- organization on every upload. Each stored content counts once (storage_key names the content: the same bytes
-- uploaded twice are stored once), and deleted documents count (their bytes are retained). An upload locks its
-- organization's row, so concurrent uploads are counted one after the other.
create table documents.usage (
    org_id       uuid primary key,
    stored_bytes bigint not null check (stored_bytes >= 0)
);

-- whether an upload's content is already stored for its organization
create index documents_storage_key_idx on documents.documents (org_id, storage_key);

-- The owner counts every organization's rows, so row-level security is lifted for this transaction's statements
-- and forced again at its end.
alter table documents.documents no force row level security;
insert into documents.usage (org_id, stored_bytes)
select org_id, sum(size_bytes)
  from (select distinct on (org_id, storage_key) org_id, size_bytes
          from documents.documents
         order by org_id, storage_key) stored
 group by org_id;
alter table documents.documents force row level security;

alter table documents.usage enable row level security;
alter table documents.usage force row level security;
create policy tenant_isolation on documents.usage
    using (org_id = nullif(current_setting('app.org_id', true), '')::uuid);

grant select, insert, update on documents.usage to ${app_role};
