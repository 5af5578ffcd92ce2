package io.traveler.inventory.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The stock ledger of the current organization: every change of stock is one or more movements, appended with the
 * balances they change in the caller's transaction (or one of its own). Movements of one part take turns on the
 * part's {@code inventory.part_stock} row; a movement that would take a balance below zero (or below what is
 * reserved) writes nothing and is refused with a {@code ConflictException}. Another organization's part, lot or
 * location is refused as not found, and a quantity that is not positive as invalid, before anything is written.
 */
public interface Ledger {
    /** What a movement was for: {@code type} is PROJECT, UNIT, ORDER, PURCHASE_ORDER, CYCLE_COUNT, RESERVATION or OTHER. */
    record Reference(String type, UUID id) {
        public static Reference of(String type, UUID id) {
            return id == null ? null : new Reference(type, id);
        }
    }

    /** One movement as written. */
    record Posted(
            UUID movementId,
            String kind,
            UUID partId,
            UUID lotId,
            String lotNumber,
            UUID fromLocationId,
            UUID toLocationId,
            BigDecimal quantity,
            BigDecimal unitCost,
            Instant at) {}

    /**
     * A receipt into a location. {@code lotNumber} null makes a new lot with a generated number; a lot number the
     * part already has adds to that lot (its unit cost becomes the weighted average of the two).
     */
    record Receipt(
            UUID partId,
            UUID locationId,
            BigDecimal quantity,
            String lotNumber,
            BigDecimal unitCost,
            UUID supplierId,
            LocalDate expiresOn,
            Reference reference) {}

    Posted receive(Receipt receipt);

    /** Issues from the available (unreserved) stock of the part at the location, earliest lots first. */
    List<Posted> issue(UUID partId, UUID locationId, BigDecimal quantity, Reference reference);

    /**
     * Moves stock between locations: from {@code lotId} when given, else from the available stock, earliest lots
     * first. Reserved stock stays where it is.
     */
    List<Posted> transfer(UUID partId, UUID lotId, UUID fromLocationId, UUID toLocationId, BigDecimal quantity);

    /**
     * Corrects the stock of a part at a location by {@code delta} (positive: found; negative: missing), with a
     * reason. Up goes into {@code lotId}, else the part's newest lot, else a new lot at the part's standard cost;
     * down comes out of {@code lotId}, else the available stock earliest lots first.
     */
    List<Posted> adjust(UUID partId, UUID lotId, UUID locationId, BigDecimal delta, String reason, Reference reference);

    /** Writes off damaged stock (from {@code lotId}, else earliest lots first), with a reason. */
    List<Posted> damage(UUID partId, UUID lotId, UUID locationId, BigDecimal quantity, String reason);

    /** Takes back into stock what was issued from a lot (unused material coming back from a project). */
    Posted returnToStock(UUID lotId, UUID locationId, BigDecimal quantity, Reference reference);

    /**
     * Reserves up to {@code quantity} of the part's available stock, earliest lots first (at {@code locationId}
     * only, or anywhere when null): answers the RESERVE movements written, which may add up to less than asked
     * (none when nothing is available). Never refused for a shortage.
     */
    List<Posted> reserve(UUID partId, UUID locationId, BigDecimal quantity, Reference reference);

    /** Frees reserved stock of a lot at a location. */
    Posted release(UUID lotId, UUID locationId, BigDecimal quantity, Reference reference);

    /** Issues reserved stock of a lot at a location: a RELEASE and an ISSUE of the same quantity. */
    List<Posted> issueReserved(UUID lotId, UUID locationId, BigDecimal quantity, Reference reference);
}
