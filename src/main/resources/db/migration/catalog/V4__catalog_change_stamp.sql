-- The catalog change stamp of each organization: every transaction that writes parts, products, BOMs or BOM lines
-- raises it once, in that same transaction, whoever the writer is (API, import, a future module). The in-memory
-- BOM graph that explosions read is keyed by it, so a committed change is seen by the next explosion, on any node.
create table catalog.change_stamps (
    org_id uuid primary key,
    stamp  bigint not null check (stamp >= 1)
);

alter table catalog.change_stamps enable row level security;
alter table catalog.change_stamps force row level security;
create policy tenant_isolation on catalog.change_stamps
    using (org_id = nullif(current_setting('app.org_id', true), '')::uuid);

grant select, insert, update on catalog.change_stamps to ${app_role};

-- Statement-level, and once per transaction (a transaction-local setting remembers it): a 500-row import batch or
-- a 1,000-line BOM costs one upsert. Writes without an organization (migrations) have no tenant stamp to raise.
create function catalog.raise_change_stamp() returns trigger
    language plpgsql as $$
declare
    org text := nullif(current_setting('app.org_id', true), '');
begin
    if org is null or current_setting('traveler.catalog_stamped', true) is not distinct from org then
        return null;
    end if;
    insert into catalog.change_stamps as s (org_id, stamp) values (org::uuid, 1)
        on conflict (org_id) do update set stamp = s.stamp + 1;
    perform set_config('traveler.catalog_stamped', org, true);
    return null;
end $$;

do $$
declare t text;
begin
    foreach t in array array['parts', 'products', 'boms', 'bom_lines']
    loop
        execute format('create trigger %I after insert or update or delete on catalog.%I
            for each statement execute function catalog.raise_change_stamp()', t || '_change_stamp', t);
    end loop;
end $$;
