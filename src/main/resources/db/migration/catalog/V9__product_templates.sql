-- A product promoted from a project ("promote to template") remembers the project it came from, and carries the
-- design documents chosen from it (a file key and metadata until the documents module stores files).
alter table catalog.products add column promoted_from_project_id uuid;

create table catalog.product_design_docs (
    org_id            uuid        not null,
    id                uuid primary key,
    product_id        uuid        not null,
    file_key          text        not null check (length(trim(file_key)) between 1 and 500),
    file_name         text        not null check (length(trim(file_name)) between 1 and 255),
    content_type      text        check (length(content_type) <= 200),
    size_bytes        bigint      check (size_bytes >= 0),
    metadata          jsonb       not null default '{}' check (jsonb_typeof(metadata) = 'object'),
    source_doc_id     uuid,
    created_at        timestamptz not null,
    unique (org_id, id),
    foreign key (org_id, product_id) references catalog.products (org_id, id) on delete cascade
);
create index product_design_docs_product_idx on catalog.product_design_docs (org_id, product_id, created_at);

alter table catalog.product_design_docs enable row level security;
alter table catalog.product_design_docs force row level security;
create policy tenant_isolation on catalog.product_design_docs
    using (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
grant select, insert, update, delete on catalog.product_design_docs to ${app_role};
