-- Which lots each unit consumed: written when materials are issued to its project (a stage's backflush, shared by
-- the project's units that are not scrapped) or to the unit itself. The lot's forward trace (every unit that used
-- it) and the unit's backward one (to the lot, its receipt and supplier) both read this table.
create table production.unit_materials (
    org_id            uuid           not null,
    id                uuid primary key,
    unit_id           uuid           not null,
    project_id        uuid           not null,
    movement_id       uuid           not null,
    part_id           uuid           not null,
    part_number       text           check (length(part_number) <= 100),
    lot_id            uuid           not null,
    lot_number        text           check (length(lot_number) <= 100),
    quantity          numeric(19, 6) not null check (quantity > 0),
    stage_instance_id uuid,
    at                timestamptz    not null,
    unique (org_id, id),
    unique (org_id, unit_id, movement_id),
    foreign key (org_id, unit_id) references production.units (org_id, id) on delete cascade,
    foreign key (org_id, lot_id) references inventory.lots (org_id, id),
    foreign key (org_id, movement_id) references inventory.movements (org_id, id)
);
create index unit_materials_unit_idx on production.unit_materials (org_id, unit_id, at);
create index unit_materials_lot_idx on production.unit_materials (org_id, lot_id, unit_id);

alter table production.unit_materials enable row level security;
alter table production.unit_materials force row level security;
create policy tenant_isolation on production.unit_materials
    using (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
-- The trace is append-only for the application (deleting a unit still cascades, as the table's owner).
grant select, insert on production.unit_materials to ${app_role};

-- The passport records the materials a unit consumed.
alter table production.unit_events drop constraint unit_events_kind_check;
alter table production.unit_events add constraint unit_events_kind_check check (kind in ('CREATED', 'SCANNED',
    'STARTED', 'ACTION_RECORDED', 'COMPLETED_STAGE', 'COMPLETED', 'DEFECT_REPORTED', 'DISPOSED', 'REWORK', 'HELD',
    'RELEASED', 'MOVED', 'SCRAPPED', 'SPLIT', 'ASSIGNED', 'MATERIALS'));
