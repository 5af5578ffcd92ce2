create schema if not exists documents;
grant usage on schema documents to ${app_role};

-- A stored file. Every upload is one row; a new version of a document keeps its family_id and takes the next
-- version, and only the family's newest row is latest (what lists show). The bytes live in the configured store
-- (local disk under the data directory, or an S3-compatible bucket) under storage_key, which is made from the
-- organization and the content's SHA-256, never from the sender's file name. mime_type is what the content was
-- detected as (Apache Tika), not what the sender claimed. A RESTRICTED document is read only with documents:manage.
-- Deleting marks every version of the family DELETED; the bytes stay in the store (documents are retained).
-- revision is the row's ETag: it changes when a newer version supersedes the row or when it is deleted.
create table documents.documents (
    org_id       uuid        not null,
    id           uuid primary key,
    family_id    uuid        not null,
    version      int         not null check (version between 1 and 100000),
    latest       boolean     not null,
    name         text        not null check (length(trim(name)) between 1 and 255 and name !~ '[[:cntrl:]]'),
    type         text        not null check (type in ('WORK_INSTRUCTION', 'SPECIFICATION', 'DRAWING', 'PHOTO',
        'MANUAL', 'CERTIFICATE', 'OTHER')),
    size_bytes   bigint      not null check (size_bytes >= 0),
    mime_type    text        not null check (length(mime_type) between 3 and 200),
    sha256       text        not null check (sha256 ~ '^[0-9a-f]{64}$'),
    storage_key  text        not null check (length(storage_key) between 1 and 500),
    tags         text[]      not null default '{}'
        check (cardinality(tags) <= 20 and array_position(tags, null) is null),
    entity_type  text        check (entity_type ~ '^[a-z][a-z_]{0,39}$'),
    entity_id    uuid,
    access_level text        not null default 'INTERNAL' check (access_level in ('INTERNAL', 'RESTRICTED')),
    status       text        not null default 'ACTIVE' check (status in ('ACTIVE', 'DELETED')),
    uploaded_by  uuid,
    created_at   timestamptz not null,
    deleted_at   timestamptz,
    revision     bigint      not null default 0 check (revision >= 0),
    unique (org_id, id),
    unique (org_id, family_id, version),
    check ((entity_type is null) = (entity_id is null)),
    check ((status = 'DELETED') = (deleted_at is not null))
);
-- one latest row per family
create unique index documents_latest_idx on documents.documents (org_id, family_id) where latest;
-- the list: latest active documents, newest first
create index documents_list_idx on documents.documents (org_id, created_at desc, id desc)
    where latest and status = 'ACTIVE';
create index documents_entity_idx on documents.documents (org_id, entity_type, entity_id, created_at desc)
    where latest and status = 'ACTIVE';
create index documents_tags_idx on documents.documents using gin (tags) where latest and status = 'ACTIVE';

alter table documents.documents enable row level security;
alter table documents.documents force row level security;
create policy tenant_isolation on documents.documents
    using (org_id = nullif(current_setting('app.org_id', true), '')::uuid);

grant select, insert, update on documents.documents to ${app_role};
