-- A line of a configurable product is priced by its configuration unless someone allowed to override it set the
-- price by hand; then the configuration's later prices leave it alone.
alter table orders.order_lines
    add column price_overridden boolean not null default false;
