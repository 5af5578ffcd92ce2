-- Extensions every module may use; all four are trusted, so the database owner creates them.
create extension if not exists citext;
create extension if not exists pgcrypto;
create extension if not exists pg_trgm;
create extension if not exists unaccent;

-- Spring Modulith's event publication registry (the outbox). Not tenant data: events carry their org_id.
create table if not exists event_publication (
    id                     uuid not null primary key,
    listener_id            text not null,
    event_type             text not null,
    serialized_event       text not null,
    publication_date       timestamptz not null,
    completion_date        timestamptz,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamptz
);
create index if not exists event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index if not exists event_publication_by_completion_date_idx on event_publication (completion_date);

grant usage on schema public to ${app_role};
grant select, insert, update, delete on event_publication to ${app_role};
