-- A start, a hold or a release changes no indexed column of a unit but its status, yet the two partial indexes named
-- status in their predicates, so each such scan wrote a new entry into all six indexes of the table (and their WAL).
-- Their predicates now read `unfinished`, which changes only when a unit is completed or scrapped: those updates are
-- heap-only (HOT, no index entry) whenever the unit's page has room, which the fillfactor keeps for them.
alter table production.units set (fillfactor = 80);
alter table production.units
    add column unfinished boolean not null generated always as (status not in ('COMPLETED', 'SCRAPPED')) stored;

drop index production.units_queue_idx;
create index units_queue_idx on production.units (org_id, station_id, priority desc, due_date, entered_stage_at, id)
    where unfinished;
drop index production.units_open_stage_idx;
create index units_open_stage_idx on production.units (org_id, project_id, stage_position)
    where unfinished;
