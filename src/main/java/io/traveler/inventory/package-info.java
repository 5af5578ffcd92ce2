/**
 * Stock of the catalog's parts by location and lot, kept by an append-only ledger of movements (receipts, issues,
 * transfers, adjustments, returns, damage, reservations and their release) with balances that follow it in the same
 * transaction; a project's reservations and the backflush of what its stages consume; valuation (moving average or
 * FIFO); reorder points; suppliers and purchase orders to them; cycle counts.
 */
@ApplicationModule(
        displayName = "Inventory",
        allowedDependencies = {"shared", "settings", "accounts", "catalog", "projects", "documents"})
package io.traveler.inventory;

import org.springframework.modulith.ApplicationModule;
