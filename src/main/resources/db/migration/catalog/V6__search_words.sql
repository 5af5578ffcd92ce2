-- Typo-tolerant search through a dictionary of each organization's words: a misspelt query word is replaced by the
-- dictionary words that resemble it (trigram similarity or an edit distance of 1–2), and the full-text index does
-- the rest. Matching every name by trigram similarity instead rechecks every name sharing a common word (10,000+
-- at 100,000 parts), which is what made a two-word search with a typo take 250 ms.
create extension if not exists fuzzystrmatch;

create table catalog.search_words (
    org_id uuid not null,
    word   text not null check (length(word) >= 3),
    primary key (org_id, word)
);
create index search_words_trgm_idx on catalog.search_words using gin (org_id, word gin_trgm_ops);
alter table catalog.search_words enable row level security;
alter table catalog.search_words force row level security;
create policy tenant_isolation on catalog.search_words
    using (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
grant select, insert on catalog.search_words to ${app_role};

-- Words worth correcting: three or more letters and nothing else (numbers, sizes and hyphenated part numbers are
-- matched by their beginning).
create function catalog.remember_search_words() returns trigger language plpgsql as $$
begin
    insert into catalog.search_words (org_id, word)
    select distinct n.org_id, w
      from new_rows n, unnest(tsvector_to_array(n.search)) w
     where w ~ '^[[:alpha:]]{3,}$'
     order by 1, 2 -- one order for every writer, so two imports never deadlock on the same words
    on conflict do nothing;
    return null;
end $$;

create trigger parts_search_words_insert after insert on catalog.parts
    referencing new table as new_rows for each statement execute function catalog.remember_search_words();
create trigger parts_search_words_update after update on catalog.parts
    referencing new table as new_rows for each statement execute function catalog.remember_search_words();
create trigger products_search_words_insert after insert on catalog.products
    referencing new table as new_rows for each statement execute function catalog.remember_search_words();
create trigger products_search_words_update after update on catalog.products
    referencing new table as new_rows for each statement execute function catalog.remember_search_words();

-- A query for one lexeme as it stands (a cast, not a parse: nothing in the lexeme is read as an operator).
create function catalog.lexeme_query(lexeme text, prefix boolean) returns tsquery
    language sql immutable strict parallel safe
    return cast('''' || replace(replace(lexeme, '\', '\\'), '''', '''''') || ''''
                || case when prefix then ':*' else '' end as tsquery);

create aggregate catalog.tsquery_any(tsquery) (sfunc = tsquery_or, stype = tsquery);
create aggregate catalog.tsquery_all(tsquery) (sfunc = tsquery_and, stype = tsquery);

-- The words of what is already stored (row-level security lifted for the owner only while the rows are read).
alter table catalog.parts no force row level security;
alter table catalog.products no force row level security;
alter table catalog.search_words no force row level security;
insert into catalog.search_words (org_id, word)
select distinct org_id, w
  from (select org_id, search from catalog.parts union all select org_id, search from catalog.products) s,
       unnest(tsvector_to_array(s.search)) w
 where w ~ '^[[:alpha:]]{3,}$'
on conflict do nothing;
alter table catalog.parts force row level security;
alter table catalog.products force row level security;
alter table catalog.search_words force row level security;
