-- Callers are cached per node (accounts.internal.security.PrincipalCache). Every change to what a caller is built
-- from notifies channel traveler_principals in the changing transaction, whoever makes it (this node, another node,
-- an operator at psql), so that every node drops the callers it reaches once the change commits. Payloads are
-- '<scope>:<id>' (io.traveler.shared.security.PrincipalChanges.Change).
create function accounts.notify_principal_change() returns trigger
    language plpgsql set search_path = pg_catalog as $$
declare
    changed record;
    payload text;
begin
    if tg_op = 'DELETE' then
        changed := old;
    else
        changed := new;
    end if;
    case tg_table_name
        when 'users' then payload := 'user:' || changed.id;
        when 'memberships' then payload := 'membership:' || changed.id;
        when 'membership_roles' then payload := 'membership:' || changed.membership_id;
        when 'roles' then payload := 'organization:' || changed.org_id;
        when 'organizations' then payload := 'organization:' || changed.id;
        when 'sessions' then payload := 'session:' || changed.id;
        when 'api_keys' then payload := 'api_key:' || changed.id;
    end case;
    perform pg_notify('traveler_principals', payload);
    return null;
end $$;

create trigger principal_changed after update on accounts.users for each row
    when (old.status is distinct from new.status or old.sessions_valid_after is distinct from new.sessions_valid_after
          or old.mfa_enabled is distinct from new.mfa_enabled or old.name is distinct from new.name
          or old.email is distinct from new.email)
    execute function accounts.notify_principal_change();

create trigger principal_changed after update on accounts.memberships for each row
    when (old.status is distinct from new.status or old.sessions_valid_after is distinct from new.sessions_valid_after
          or old.user_id is distinct from new.user_id)
    execute function accounts.notify_principal_change();
create trigger principal_removed after delete on accounts.memberships for each row
    execute function accounts.notify_principal_change();

create trigger principal_changed after insert or update or delete on accounts.membership_roles for each row
    execute function accounts.notify_principal_change();

create trigger principal_changed after update on accounts.roles for each row
    when (old.permissions is distinct from new.permissions or old.built_in is distinct from new.built_in)
    execute function accounts.notify_principal_change();
create trigger principal_removed after delete on accounts.roles for each row
    execute function accounts.notify_principal_change();

create trigger principal_changed after update on accounts.organizations for each row
    when (old.name is distinct from new.name)
    execute function accounts.notify_principal_change();

create trigger principal_changed after update on accounts.sessions for each row
    when (old.ended_at is distinct from new.ended_at or old.user_id is distinct from new.user_id
          or old.org_id is distinct from new.org_id)
    execute function accounts.notify_principal_change();

create trigger principal_changed after update on accounts.api_keys for each row
    when (old.revoked_at is distinct from new.revoked_at or old.expires_at is distinct from new.expires_at
          or old.permissions is distinct from new.permissions or old.name is distinct from new.name
          or old.secret_hash is distinct from new.secret_hash or old.created_by is distinct from new.created_by)
    execute function accounts.notify_principal_change();
create trigger principal_removed after delete on accounts.api_keys for each row
    execute function accounts.notify_principal_change();
