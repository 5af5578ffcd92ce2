create schema if not exists shared;
grant usage on schema shared to ${app_role};

-- One row per Idempotency-Key: claimed (IN_PROGRESS) by the first request, then holding its response.
create table shared.idempotency_keys (
    org_id          uuid        not null,
    actor_id        uuid        not null,
    idempotency_key text        not null,
    request_hash    text        not null,
    state           text        not null check (state in ('IN_PROGRESS', 'COMPLETED')),
    response_status int,
    content_type    text,
    response_body   bytea,
    created_at      timestamptz not null,
    completed_at    timestamptz,
    primary key (org_id, actor_id, idempotency_key),
    check (state = 'IN_PROGRESS' or response_status is not null)
);
create index idempotency_keys_expiry_idx on shared.idempotency_keys (org_id, created_at);

alter table shared.idempotency_keys enable row level security;
alter table shared.idempotency_keys force row level security;
create policy tenant_isolation on shared.idempotency_keys
    using (org_id = coalesce(nullif(current_setting('app.org_id', true), ''), '00000000-0000-0000-0000-000000000000')::uuid);
grant select, insert, update, delete on shared.idempotency_keys to ${app_role};
