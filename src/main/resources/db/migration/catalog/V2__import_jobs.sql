-- CSV imports run as background jobs; the row is also the audit trail of an import (who, what, how many).
create table catalog.import_jobs (
    org_id         uuid        not null,
    id             uuid primary key,
    kind           text        not null check (kind in ('parts', 'products', 'bom-lines')),
    status         text        not null check (status in ('RUNNING', 'COMPLETED', 'FAILED')),
    activate       boolean     not null default false,
    content        bytea       not null,
    total_rows     int         not null default 0 check (total_rows >= 0),
    processed_rows int         not null default 0 check (processed_rows >= 0),
    failed_rows    int         not null default 0 check (failed_rows >= 0),
    errors         jsonb       not null default '[]',
    created_by     uuid        not null,
    created_at     timestamptz not null,
    updated_at     timestamptz not null,
    finished_at    timestamptz,
    unique (org_id, id)
);

alter table catalog.import_jobs enable row level security;
alter table catalog.import_jobs force row level security;
create policy tenant_isolation on catalog.import_jobs
    using (org_id = nullif(current_setting('app.org_id', true), '')::uuid);

grant select, insert, update on catalog.import_jobs to ${app_role};
