-- What the materials issued to a project cost (inventory's backflush and issues against it), beside its labour.
alter table projects.projects
    add column materials_cost numeric(19, 4) not null default 0 check (materials_cost >= 0);
