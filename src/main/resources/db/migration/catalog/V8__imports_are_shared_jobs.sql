-- Imports are jobs of the shared job runner (shared.jobs, migration shared V3, which runs first: the catalog depends
-- on the shared module). The import history moves there; jobs that were still waiting or running under the old
-- runner cannot be handed to the new one (their db-scheduler executions carry the old task's data), so they end as
-- FAILED with a row-0 error saying to start them again.
-- The owner moves every organization's rows, so row-level security is lifted for this transaction's statements and
-- forced again at its end.
alter table catalog.import_jobs no force row level security;
alter table shared.jobs no force row level security;
alter table shared.job_errors no force row level security;

insert into shared.jobs (org_id, id, kind, status, parameters, file, file_bytes, file_purged_at, total_units,
                         processed_units, failed_units, error_count, created_by, created_by_kind, created_at,
                         started_at, updated_at, finished_at)
select j.org_id, j.id, 'catalog.' || j.kind || '-import',
       case when j.status in ('QUEUED', 'RUNNING') then 'FAILED' else j.status end,
       jsonb_build_object('format', j.format, 'activate', j.activate::text),
       j.file, 0, j.file_purged_at, j.total_rows, j.processed_rows, j.failed_rows,
       j.error_count + case when j.status in ('QUEUED', 'RUNNING') then 1 else 0 end,
       j.created_by, 'USER', j.created_at, j.created_at, j.updated_at,
       case when j.status in ('QUEUED', 'RUNNING') then now() else j.finished_at end
  from catalog.import_jobs j;

insert into shared.job_errors (org_id, job_id, seq, row_no, field, message)
select j.org_id, j.id, (e.n - 1)::int, greatest(0, coalesce((e.error ->> 'row')::bigint, 0)), e.error ->> 'field',
       coalesce(e.error ->> 'message', '')
  from catalog.import_jobs j, jsonb_array_elements(j.errors) with ordinality as e(error, n);

insert into shared.job_errors (org_id, job_id, seq, row_no, field, message)
select j.org_id, j.id, jsonb_array_length(j.errors), 0, null,
       'the import was waiting or running when Traveler was upgraded; start it again'
  from catalog.import_jobs j
 where j.status in ('QUEUED', 'RUNNING');

delete from public.scheduled_tasks where task_name in ('catalog-import', 'catalog-import-file-purge');

drop function catalog.purge_import_files(timestamptz);
drop table catalog.import_jobs;
alter table shared.jobs force row level security;
alter table shared.job_errors force row level security;
