package io.traveler.inventory.internal;

import io.traveler.catalog.Catalog;
import io.traveler.shared.security.Callers;
import java.math.BigDecimal;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Materials made from the inventory's side: a MATERIAL part of the catalog and, when asked, its first stock. */
@Service
public class Materials {
    private final Catalog catalog;
    private final Ledger ledger;
    private final StockQueries stock;
    private final Callers callers;

    Materials(Catalog catalog, Ledger ledger, StockQueries stock, Callers callers) {
        this.catalog = catalog;
        this.ledger = ledger;
        this.stock = stock;
        this.callers = callers;
    }

    /** A first stock of a new material: where, how much, and optionally its lot number and unit cost. */
    public record Opening(UUID locationId, BigDecimal quantity, String lotNumber, BigDecimal unitCost) {}

    /** Creates the part and receives its opening stock in one transaction; the receipt needs inventory:move. */
    @Transactional
    public StockQueries.MaterialStock create(Catalog.NewMaterial material, Opening opening) {
        if (opening != null) {
            callers.require("inventory:move", "an opening stock");
        }
        Catalog.PartRef part = catalog.createMaterial(material);
        if (opening != null) {
            ledger.receive(new Ledger.Receipt(
                    part.id(),
                    opening.locationId(),
                    opening.quantity(),
                    opening.lotNumber(),
                    opening.unitCost(),
                    null,
                    null,
                    null));
        }
        return stock.material(part.id());
    }
}
