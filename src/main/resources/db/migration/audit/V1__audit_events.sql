create schema if not exists audit;
grant usage on schema audit to ${app_role};

-- Append-only: the application role may insert and read, never update or delete.
create table audit.audit_events (
    org_id      uuid,
    id          uuid primary key,
    actor_id    uuid,
    actor_kind  text        not null check (actor_kind in ('USER', 'API_KEY', 'SYSTEM', 'ANONYMOUS')),
    entity_type text        not null,
    entity_id   uuid        not null,
    action      text        not null check (action in ('CREATE', 'UPDATE', 'DELETE')),
    changes     jsonb       not null default '{}',
    request_id  text,
    at          timestamptz not null default now()
);
create index audit_events_entity_idx on audit.audit_events (org_id, entity_id, at desc);
create index audit_events_at_idx on audit.audit_events (org_id, at desc, id desc);
create index audit_events_actor_idx on audit.audit_events (org_id, actor_id, at desc);

alter table audit.audit_events enable row level security;
alter table audit.audit_events force row level security;
create policy tenant_read on audit.audit_events for select
    using (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
create policy tenant_append on audit.audit_events for insert
    with check (org_id is null or org_id = nullif(current_setting('app.org_id', true), '')::uuid);

grant select, insert on audit.audit_events to ${app_role};
