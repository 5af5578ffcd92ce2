create schema if not exists settings;
grant usage on schema settings to ${app_role};

create table settings.organization_settings (
    org_id              uuid primary key,
    timezone            text           not null default 'UTC',
    currency            char(3)        not null default 'USD' check (currency ~ '^[A-Z]{3}$'),
    default_hourly_rate numeric(19, 4) not null default 0 check (default_hourly_rate >= 0),
    mfa_required        boolean        not null default false,
    created_at          timestamptz    not null,
    updated_at          timestamptz    not null,
    version             bigint         not null default 0
);

create table settings.numbering_series (
    org_id      uuid        not null,
    id          uuid primary key,
    key         text        not null check (key ~ '^[a-z][a-z0-9_-]{0,49}$'),
    prefix      text        not null default '' check (length(prefix) <= 30),
    next_number bigint      not null default 1 check (next_number >= 1),
    padding     int         not null default 6 check (padding between 1 and 12),
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    version     bigint      not null default 0,
    unique (org_id, key)
);

do $$
declare t text;
begin
    foreach t in array array['organization_settings', 'numbering_series']
    loop
        execute format('alter table settings.%I enable row level security', t);
        execute format('alter table settings.%I force row level security', t);
        execute format($p$create policy tenant_isolation on settings.%I
            using (org_id = nullif(current_setting('app.org_id', true), '')::uuid)$p$, t);
    end loop;
end $$;

grant select, insert, update, delete on settings.organization_settings, settings.numbering_series to ${app_role};
