create schema if not exists accounts;
grant usage on schema accounts to ${app_role};

-- The tenant registry and global identities: not owned by one organization, so not under RLS.
-- The application reads them only through scoped queries (memberships, partnerships).
create table accounts.organizations (
    id         uuid primary key,
    name       text        not null check (length(trim(name)) between 1 and 200),
    kind       text        not null check (kind in ('SHOP', 'FACTORY', 'BRAND')),
    created_at timestamptz not null,
    updated_at timestamptz not null,
    version    bigint      not null default 0
);

create table accounts.users (
    id                    uuid primary key,
    email                 citext      not null unique check (email ~ '^[^@\s]+@[^@\s]+$'),
    name                  text        not null check (length(trim(name)) between 1 and 200),
    password_hash         text        not null,
    status                text        not null check (status in ('ACTIVE', 'DISABLED')),
    failed_login_attempts int         not null default 0 check (failed_login_attempts >= 0),
    locked_until          timestamptz,
    mfa_enabled           boolean     not null default false,
    totp_secret           text,
    last_login_at         timestamptz,
    sessions_valid_after  timestamptz not null,
    last_org_id           uuid references accounts.organizations (id),
    created_at            timestamptz not null,
    updated_at            timestamptz not null,
    version               bigint      not null default 0,
    check (not mfa_enabled or totp_secret is not null)
);

create table accounts.refresh_tokens (
    id          uuid primary key,
    user_id     uuid        not null references accounts.users (id),
    org_id      uuid        not null references accounts.organizations (id),
    token_hash  text        not null unique,
    issued_at   timestamptz not null,
    expires_at  timestamptz not null,
    revoked_at  timestamptz,
    replaced_by uuid
);
create index refresh_tokens_user_idx on accounts.refresh_tokens (user_id);

-- Tenant-owned tables: org_id first in every key; RLS enabled and forced.
create table accounts.memberships (
    org_id     uuid        not null references accounts.organizations (id),
    id         uuid primary key,
    user_id    uuid        not null references accounts.users (id),
    status     text        not null check (status in ('ACTIVE', 'DISABLED')),
    created_at timestamptz not null,
    updated_at timestamptz not null,
    version    bigint      not null default 0,
    unique (org_id, user_id),
    unique (org_id, id)
);
create index memberships_user_idx on accounts.memberships (user_id);

create table accounts.roles (
    org_id      uuid        not null references accounts.organizations (id),
    id          uuid primary key,
    name        text        not null check (length(trim(name)) between 1 and 100),
    description text,
    built_in    text,
    permissions text[]      not null default '{}',
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    version     bigint      not null default 0,
    unique (org_id, name),
    unique (org_id, built_in),
    unique (org_id, id)
);

create table accounts.membership_roles (
    org_id        uuid not null default (nullif(current_setting('app.org_id', true), '')::uuid),
    membership_id uuid not null,
    role_id       uuid not null,
    primary key (membership_id, role_id),
    foreign key (org_id, membership_id) references accounts.memberships (org_id, id) on delete cascade,
    foreign key (org_id, role_id) references accounts.roles (org_id, id)
);

create table accounts.locations (
    org_id     uuid        not null references accounts.organizations (id),
    id         uuid primary key,
    code       text        not null check (length(trim(code)) between 1 and 50),
    name       text        not null check (length(trim(name)) between 1 and 200),
    kind       text        not null check (kind in ('SITE', 'AREA', 'BIN')),
    parent_id  uuid,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    version    bigint      not null default 0,
    unique (org_id, code),
    unique (org_id, id),
    foreign key (org_id, parent_id) references accounts.locations (org_id, id),
    check ((kind = 'SITE') = (parent_id is null))
);

create table accounts.employees (
    org_id      uuid          not null references accounts.organizations (id),
    id          uuid primary key,
    name        text          not null check (length(trim(name)) between 1 and 200),
    email       citext,
    phone       text,
    user_id     uuid references accounts.users (id),
    hourly_rate numeric(19, 4) check (hourly_rate >= 0),
    skills      text[]        not null default '{}',
    status      text          not null check (status in ('ACTIVE', 'INACTIVE')),
    created_at  timestamptz   not null,
    updated_at  timestamptz   not null,
    version     bigint        not null default 0,
    unique (org_id, id),
    unique (org_id, user_id)
);
create index employees_name_idx on accounts.employees (org_id, name, id);

create table accounts.stations (
    org_id                 uuid         not null references accounts.organizations (id),
    id                     uuid primary key,
    name                   text         not null check (length(trim(name)) between 1 and 200),
    description            text,
    leader_id              uuid,
    capacity_hours_per_day numeric(5, 2) not null default 8 check (capacity_hours_per_day between 0 and 24),
    location_id            uuid,
    status                 text         not null check (status in ('ACTIVE', 'INACTIVE')),
    created_at             timestamptz  not null,
    updated_at             timestamptz  not null,
    version                bigint       not null default 0,
    unique (org_id, name),
    unique (org_id, id),
    foreign key (org_id, leader_id) references accounts.employees (org_id, id),
    foreign key (org_id, location_id) references accounts.locations (org_id, id)
);

create table accounts.station_members (
    org_id      uuid        not null,
    id          uuid primary key,
    station_id  uuid        not null,
    employee_id uuid        not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    version     bigint      not null default 0,
    unique (org_id, station_id, employee_id),
    foreign key (org_id, station_id) references accounts.stations (org_id, id) on delete cascade,
    foreign key (org_id, employee_id) references accounts.employees (org_id, id) on delete cascade
);
create index station_members_employee_idx on accounts.station_members (org_id, employee_id);

create table accounts.api_keys (
    org_id       uuid        not null references accounts.organizations (id),
    id           uuid primary key,
    name         text        not null check (length(trim(name)) between 1 and 100),
    prefix       text        not null unique,
    secret_hash  text        not null,
    permissions  text[]      not null default '{}',
    created_by   uuid        not null references accounts.users (id),
    expires_at   timestamptz,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    version      bigint      not null default 0
);

-- A brand's link to a factory: visible to both organizations.
create table accounts.partnerships (
    id             uuid primary key,
    brand_org_id   uuid        not null references accounts.organizations (id),
    factory_org_id uuid        not null references accounts.organizations (id),
    status         text        not null check (status in ('PENDING', 'ACTIVE', 'ENDED')),
    note           text,
    invited_by     uuid        not null references accounts.users (id),
    invited_at     timestamptz not null,
    accepted_at    timestamptz,
    ended_at       timestamptz,
    created_at     timestamptz not null,
    updated_at     timestamptz not null,
    version        bigint      not null default 0,
    check (brand_org_id <> factory_org_id)
);
create unique index partnerships_one_open_per_pair on accounts.partnerships (brand_org_id, factory_org_id)
    where status <> 'ENDED';
create index partnerships_factory_idx on accounts.partnerships (factory_org_id);

-- Row-level security: the application role sees only the rows of app.org_id.
do $$
declare t text;
begin
    foreach t in array array['memberships', 'roles', 'membership_roles', 'locations', 'employees', 'stations',
                             'station_members', 'api_keys']
    loop
        execute format('alter table accounts.%I enable row level security', t);
        execute format('alter table accounts.%I force row level security', t);
        execute format($p$create policy tenant_isolation on accounts.%I
            using (org_id = nullif(current_setting('app.org_id', true), '')::uuid)$p$, t);
    end loop;
end $$;

-- A user may list their own memberships (to pick an organization at sign-in).
create policy own_memberships on accounts.memberships for select
    using (user_id = nullif(current_setting('app.actor_id', true), '')::uuid);
create policy own_membership_roles on accounts.membership_roles for select
    using (membership_id in (select id from accounts.memberships
                              where user_id = nullif(current_setting('app.actor_id', true), '')::uuid));
create policy own_roles on accounts.roles for select
    using (id in (select mr.role_id from accounts.membership_roles mr join accounts.memberships m on m.id = mr.membership_id
                   where m.user_id = nullif(current_setting('app.actor_id', true), '')::uuid));
-- An API key is found by its public prefix before its organization is known; its secret is checked in Java.
create policy key_by_prefix on accounts.api_keys for select
    using (prefix = nullif(current_setting('app.api_key_prefix', true), ''));

alter table accounts.partnerships enable row level security;
alter table accounts.partnerships force row level security;
create policy partners_only on accounts.partnerships
    using (nullif(current_setting('app.org_id', true), '')::uuid in (brand_org_id, factory_org_id));

grant select, insert, update on accounts.organizations, accounts.users to ${app_role};
grant select, insert, update, delete on accounts.refresh_tokens, accounts.memberships, accounts.roles,
    accounts.membership_roles, accounts.locations, accounts.employees, accounts.stations, accounts.station_members,
    accounts.api_keys, accounts.partnerships to ${app_role};
