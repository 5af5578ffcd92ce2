-- The scan's own transaction in raw SQL, for pgbench (bench/scan.sh): lock a unit by its serial, update it, append
-- its passport event numbered from the unit's event_seq.
\set n random(1, :units)
begin;
select id, event_seq from production.units
 where org_id = :org and serial = :prefix || lpad(:n::text, 6, '0') for update;
update production.units set status = 'IN_PROGRESS', event_seq = event_seq + 1, version = version + 1, updated_at = now()
 where org_id = :org and serial = :prefix || lpad(:n::text, 6, '0');
insert into production.unit_events (org_id, id, unit_id, seq, kind, stage_instance_id, station_id, detail, at, recorded_at)
select org_id, gen_random_uuid(), id, event_seq, 'STARTED', stage_instance_id, station_id, '{}', now(), now()
  from production.units where org_id = :org and serial = :prefix || lpad(:n::text, 6, '0');
commit;
