-- When a log's work happened is its start, or when it was written (a log of minutes only). Period totals and the
-- time-log list filter and order by that moment within one organization; this index serves both (the list's
-- keyset adds the id).
create index time_logs_worked_at_idx on tasks.time_logs (org_id, (coalesce(started_at, created_at)), id);
