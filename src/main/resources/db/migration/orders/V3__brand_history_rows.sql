-- A brand writes exactly two kinds of history rows for its purchase orders: the creation (nothing → DRAFT) and its
-- own cancellation of a DRAFT (DRAFT → CANCELLED, written after the order row). Anything else, such as a fake
-- "→ DELIVERED" entry, is the factory's to write and is refused here whatever SQL the application sends.
drop policy brand_records_changes on orders.phase_changes;
create policy brand_records_changes on orders.phase_changes for insert
    with check (brand_org_id = nullif(current_setting('app.org_id', true), '')::uuid
        and ((from_phase is null and to_phase = 'DRAFT') or (from_phase = 'DRAFT' and to_phase = 'CANCELLED'))
        and exists (select 1 from orders.orders o
                     where o.id = phase_changes.order_id and o.org_id = phase_changes.org_id
                       and o.brand_org_id = phase_changes.brand_org_id and o.phase = phase_changes.to_phase));

-- One creation row per order.
create unique index phase_changes_one_creation_key on orders.phase_changes (order_id) where from_phase is null;
