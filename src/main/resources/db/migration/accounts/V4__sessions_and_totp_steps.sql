-- Sessions: every token issued from one sign-in belongs to one session, so a replayed refresh token can end the
-- whole chain and a user can see and end their own sessions. Account data like refresh tokens, not tenant data:
-- the application reads it only by the signed-in user's id.
create table accounts.sessions (
    id             uuid primary key,
    user_id        uuid        not null references accounts.users (id),
    org_id         uuid        not null references accounts.organizations (id),
    created_at     timestamptz not null,
    last_used_at   timestamptz not null,
    user_agent     text check (length(user_agent) <= 500),
    client_address text check (length(client_address) <= 100),
    ended_at       timestamptz,
    ended_because  text check (ended_because in ('SIGNED_OUT', 'ENDED_BY_USER', 'REFRESH_TOKEN_REUSED', 'REVOKED'))
);
create index sessions_user_idx on accounts.sessions (user_id) where ended_at is null;

-- Refresh tokens issued before sessions existed each become a session of their own.
insert into accounts.sessions (id, user_id, org_id, created_at, last_used_at, ended_at, ended_because)
select id, user_id, org_id, issued_at, issued_at, revoked_at, case when revoked_at is not null then 'REVOKED' end
  from accounts.refresh_tokens;

alter table accounts.refresh_tokens add column session_id uuid references accounts.sessions (id);
update accounts.refresh_tokens set session_id = id;
alter table accounts.refresh_tokens alter column session_id set not null;
create index refresh_tokens_session_idx on accounts.refresh_tokens (session_id);

-- The last accepted TOTP time step: a code of that step or an earlier one is refused (no replay).
alter table accounts.users add column totp_last_step bigint;

grant select, insert, update on accounts.sessions to ${app_role};
