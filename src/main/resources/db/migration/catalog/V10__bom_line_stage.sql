-- The workflow stage that consumes a BOM line, by name (matched to a project's stage trimmed and case-insensitive;
-- a line naming no stage, or one the project's workflow lacks, is consumed by the first stage): inventory's
-- backflush issues a line's materials when its stage completes.
alter table catalog.bom_lines
    add column stage_name text check (length(trim(stage_name)) between 1 and 100);
