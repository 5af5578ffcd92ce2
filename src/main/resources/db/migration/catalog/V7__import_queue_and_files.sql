-- Imports wait QUEUED until a db-scheduler worker (at most traveler.jobs.threads at once) takes them. The uploaded
-- file lies under <traveler.data-dir>/uploads/, named by `file`; only the name is stored here, never the bytes.
alter table catalog.import_jobs drop constraint import_jobs_status_check;
alter table catalog.import_jobs
    add constraint import_jobs_status_check check (status in ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED')),
    add column file           text check (file ~ '^[0-9a-f-]{36}\.import$'),
    add column file_purged_at timestamptz;

-- the bytes of earlier imports are not kept: their jobs are done (one left RUNNING is failed at start-up)
update catalog.import_jobs set file_purged_at = coalesce(finished_at, now());
alter table catalog.import_jobs drop column content;
alter table catalog.import_jobs
    add constraint import_jobs_file_kept check (file is not null or file_purged_at is not null);

-- the per-organization count of unfinished imports, and the purge's search for old files
create index import_jobs_unfinished on catalog.import_jobs (org_id) where status in ('QUEUED', 'RUNNING');
create index import_jobs_files_kept on catalog.import_jobs (created_at) where file_purged_at is null;

-- The purge of old files acts for every organization: only this function, running as the owner of the table (who
-- is subject to the forced row-level security like anyone else), sees across them, through owner-only policies that
-- also need the function's own transaction-local app.sweep. It marks the finished jobs started before the given
-- time as purged and returns their files for deletion.
create policy import_files_purge_read on catalog.import_jobs for select to current_user
    using (current_setting('app.sweep', true) = 'catalog.import_files');
create policy import_files_purge_mark on catalog.import_jobs for update to current_user
    using (current_setting('app.sweep', true) = 'catalog.import_files')
    with check (current_setting('app.sweep', true) = 'catalog.import_files');

create function catalog.purge_import_files(started_before timestamptz)
    returns table (job_id uuid, file text)
    language plpgsql security definer set search_path = catalog, pg_temp as $$
declare
    previous text := coalesce(current_setting('app.sweep', true), '');
begin
    perform set_config('app.sweep', 'catalog.import_files', true);
    return query
        update catalog.import_jobs j
           set file_purged_at = now()
         where j.created_at < started_before and j.file_purged_at is null and j.status in ('COMPLETED', 'FAILED')
        returning j.id, j.file;
    perform set_config('app.sweep', previous, true);
end
$$;
revoke all on function catalog.purge_import_files(timestamptz) from public;
grant execute on function catalog.purge_import_files(timestamptz) to ${app_role};
