-- A response that carried a secret (a new API key, an MFA seed) is never kept: its row records only the status
-- and that the body was withheld, so a replay is refused instead of handing the secret out a second time.
alter table shared.idempotency_keys add column response_withheld boolean not null default false;

-- The purge job runs on the application's pool, whose role sees only one organization's keys through row-level
-- security. This function runs as its owner (the migration owner), which the policies below let read and delete
-- every organization's rows; it deletes only keys past their day, so no caller can cut an idempotency window short.
do $$
begin
    execute format('create policy owner_purges on shared.idempotency_keys for select to %I using (true)', current_user);
    execute format('create policy owner_deletes on shared.idempotency_keys for delete to %I using (true)', current_user);
end
$$;

create function shared.purge_expired_idempotency_keys(older_than interval) returns integer
    language plpgsql
    security definer
    set search_path = pg_catalog, shared
as $$
declare
    purged integer;
begin
    if older_than is null or older_than < interval '1 day' then
        raise exception 'idempotency keys are honoured for a day; older_than must be at least 1 day, not %', older_than;
    end if;
    delete from shared.idempotency_keys where created_at < now() - older_than;
    get diagnostics purged = row_count;
    return purged;
end
$$;
revoke all on function shared.purge_expired_idempotency_keys(interval) from public;
grant execute on function shared.purge_expired_idempotency_keys(interval) to ${app_role};
