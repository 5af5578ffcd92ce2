-- An address is verified when its owner followed a link mailed to it; accounts that existed before are trusted.
alter table accounts.users
    add column email_verified_at        timestamptz,
    add column verification_token_hash  text unique,
    add column verification_expires_at  timestamptz;
update accounts.users set email_verified_at = created_at;

-- Sessions and sign-ins per organization: an organization ends what was issued for it, never the account's others.
alter table accounts.memberships
    add column sessions_valid_after timestamptz,
    add column last_login_at        timestamptz;
update accounts.memberships set sessions_valid_after = created_at;
alter table accounts.memberships alter column sessions_valid_after set not null;

create index refresh_tokens_user_org_idx on accounts.refresh_tokens (user_id, org_id) where revoked_at is null;

-- Adding a person is an invitation: they join only by following the mailed link (its token is stored hashed).
create table accounts.invitations (
    org_id           uuid        not null references accounts.organizations (id),
    id               uuid primary key,
    email            citext      not null check (email ~ '^[^@\s]+@[^@\s]+$'),
    name             text        check (name is null or length(trim(name)) between 1 and 200),
    role_ids         uuid[]      not null check (cardinality(role_ids) > 0),
    invited_by       uuid        references accounts.users (id),
    token_hash       text        not null unique,
    expires_at       timestamptz not null,
    status           text        not null check (status in ('PENDING', 'ACCEPTED', 'REVOKED', 'EXPIRED')),
    accepted_by      uuid        references accounts.users (id),
    accepted_at      timestamptz,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    version          bigint      not null default 0,
    unique (org_id, id),
    check ((status = 'ACCEPTED') = (accepted_by is not null))
);
create unique index invitations_one_pending_per_address on accounts.invitations (org_id, email)
    where status = 'PENDING';

-- Every outgoing message, written in the transaction of the change that sends it, delivered after commit.
create table accounts.outbox (
    org_id       uuid        not null references accounts.organizations (id),
    id           uuid primary key,
    recipient    text        not null check (recipient ~ '^[^@\s]+@[^@\s]+$'),
    subject      text        not null check (length(subject) between 1 and 300),
    body         text        not null,
    status       text        not null check (status in ('PENDING', 'SENT', 'FAILED', 'KEPT')),
    attempts     int         not null default 0 check (attempts >= 0),
    last_error   text,
    sent_at      timestamptz,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    version      bigint      not null default 0,
    unique (org_id, id)
);
create index outbox_org_created_idx on accounts.outbox (org_id, created_at desc, id);
create index outbox_undelivered_idx on accounts.outbox (created_at) where status in ('PENDING', 'FAILED');

do $$
declare t text;
begin
    foreach t in array array['invitations', 'outbox']
    loop
        execute format('alter table accounts.%I enable row level security', t);
        execute format('alter table accounts.%I force row level security', t);
        execute format($p$create policy tenant_isolation on accounts.%I
            using (org_id = nullif(current_setting('app.org_id', true), '')::uuid)$p$, t);
    end loop;
end $$;

-- The invitee arrives with the token only: its hash finds the row before the organization is known.
create policy invitation_by_token on accounts.invitations for select
    using (token_hash = nullif(current_setting('app.invitation_token_hash', true), ''));

-- The retry job works across organizations: this function (run as the owner) only names what is due; the job
-- then delivers each message as its organization.
create function accounts.undelivered_mail(max_attempts int, older_than timestamptz)
    returns table (org_id uuid, id uuid)
    language sql stable security definer set search_path = pg_catalog, accounts as $$
    select o.org_id, o.id from accounts.outbox o
     where o.status in ('PENDING', 'FAILED') and o.attempts < max_attempts and o.updated_at < older_than
     order by o.created_at limit 500
$$;
revoke all on function accounts.undelivered_mail(int, timestamptz) from public;
grant execute on function accounts.undelivered_mail(int, timestamptz) to ${app_role};

grant select, insert, update, delete on accounts.invitations, accounts.outbox to ${app_role};
