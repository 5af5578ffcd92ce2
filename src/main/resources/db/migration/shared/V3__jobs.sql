-- Background jobs of every kind (imports, exports, ...): one row per job, run by a db-scheduler execution of the
-- task `job` whose instance is the job's id. `worker` is the token of the execution attempt that holds the job: a
-- progress or finish that does not carry it changes nothing, so a revived execution and a worker thought dead never
-- both write.
create table shared.jobs (
    org_id              uuid        not null,
    id                  uuid primary key,
    kind                text        not null check (kind ~ '^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$'),
    status              text        not null check (status in ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED')),
    parameters          jsonb       not null default '{}' check (jsonb_typeof(parameters) = 'object'),
    -- the uploaded input under <traveler.data-dir>/uploads/, kept until the retention deletes it
    file                text check (file ~ '^[0-9a-f-]{36}\.(import|job)$'),
    file_bytes          bigint      not null default 0 check (file_bytes >= 0),
    -- what a job produced (an export's file), kept and purged with the input
    result_file         text check (result_file ~ '^[0-9a-f-]{36}\.job$'),
    result_bytes        bigint      not null default 0 check (result_bytes >= 0),
    result_type         text,
    file_purged_at      timestamptz,
    total_units         bigint check (total_units >= 0),
    processed_units     bigint      not null default 0 check (processed_units >= 0),
    failed_units        bigint      not null default 0 check (failed_units >= 0),
    -- every error found; only the first ones are kept in shared.job_errors
    error_count         bigint      not null default 0 check (error_count >= 0),
    result              jsonb,
    cancel_requested_at timestamptz,
    cancel_requested_by uuid,
    attempts            int         not null default 0 check (attempts >= 0),
    worker              uuid,
    created_by          uuid        not null,
    created_by_kind     text        not null check (created_by_kind in ('USER', 'API_KEY', 'SYSTEM')),
    created_at          timestamptz not null,
    started_at          timestamptz,
    updated_at          timestamptz not null,
    finished_at         timestamptz,
    unique (org_id, id),
    check ((status in ('COMPLETED', 'FAILED', 'CANCELLED')) = (finished_at is not null)),
    check (file is null or file_purged_at is null or file_purged_at >= created_at)
);
create index jobs_listed on shared.jobs (org_id, created_at desc, id desc);
create index jobs_unfinished on shared.jobs (org_id) where status in ('QUEUED', 'RUNNING');
create index jobs_files_kept on shared.jobs (org_id)
    where (file is not null or result_file is not null) and file_purged_at is null;
create index jobs_finished on shared.jobs (finished_at) where finished_at is not null;

-- The errors a job kept (the first traveler.jobs.max-stored-errors of error_count), numbered in the order found.
-- Row 0 is an error of the whole input (an unreadable file, an interrupted worker).
create table shared.job_errors (
    org_id  uuid   not null,
    job_id  uuid   not null,
    seq     int    not null check (seq >= 0),
    row_no  bigint not null check (row_no >= 0),
    field   text,
    message text   not null,
    primary key (job_id, seq),
    foreign key (org_id, job_id) references shared.jobs (org_id, id) on delete cascade
);

alter table shared.jobs enable row level security;
alter table shared.jobs force row level security;
create policy tenant_isolation on shared.jobs
    using (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
alter table shared.job_errors enable row level security;
alter table shared.job_errors force row level security;
create policy tenant_isolation on shared.job_errors
    using (org_id = nullif(current_setting('app.org_id', true), '')::uuid);

grant select, insert, update on shared.jobs to ${app_role};
grant select, insert on shared.job_errors to ${app_role};

-- Retention acts for every organization: only this function, running as the owner of the tables (subject to the
-- forced row-level security like anyone else), sees across them, through owner-only policies that also need the
-- function's own transaction-local app.sweep. It forgets the files of jobs finished before `files_before` and deletes
-- the jobs (with their errors) finished before `jobs_before`, returning every file to delete from disk.
do $$
begin
    execute format($p$create policy retention_read on shared.jobs for select to %I
        using (current_setting('app.sweep', true) = 'shared.jobs')$p$, current_user);
    execute format($p$create policy retention_mark on shared.jobs for update to %I
        using (current_setting('app.sweep', true) = 'shared.jobs')
        with check (current_setting('app.sweep', true) = 'shared.jobs')$p$, current_user);
    execute format($p$create policy retention_delete on shared.jobs for delete to %I
        using (current_setting('app.sweep', true) = 'shared.jobs')$p$, current_user);
end
$$;

create function shared.purge_jobs(files_before timestamptz, jobs_before timestamptz)
    returns table (job_id uuid, file text, result_file text, deleted boolean)
    language plpgsql security definer set search_path = shared, pg_temp as $$
declare
    previous text := coalesce(current_setting('app.sweep', true), '');
begin
    if files_before is null or jobs_before is null then
        raise exception 'purge_jobs needs both thresholds';
    end if;
    perform set_config('app.sweep', 'shared.jobs', true);
    return query
        with gone as (
            delete from shared.jobs j
             where j.finished_at < jobs_before
            returning j.id, j.file, j.result_file, j.file_purged_at
        ), forgotten as (
            update shared.jobs j
               set file_purged_at = now()
             where j.finished_at < files_before and (j.file is not null or j.result_file is not null)
               and j.file_purged_at is null and j.id not in (select g.id from gone g)
            returning j.id, j.file, j.result_file
        )
        select g.id, case when g.file_purged_at is null then g.file end,
               case when g.file_purged_at is null then g.result_file end, true
          from gone g
        union all
        select f.id, f.file, f.result_file, false from forgotten f;
    perform set_config('app.sweep', previous, true);
end
$$;
revoke all on function shared.purge_jobs(timestamptz, timestamptz) from public;
grant execute on function shared.purge_jobs(timestamptz, timestamptz) to ${app_role};
