package io.traveler.inventory.internal;

import io.traveler.catalog.Catalog;
import io.traveler.inventory.MaterialsIssued;
import io.traveler.inventory.StockReferences;
import io.traveler.inventory.internal.Ledger.Posted;
import io.traveler.inventory.internal.Ledger.Reference;
import io.traveler.projects.ProjectStages;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.tenancy.TenantContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stock moved by a caller for a record they name: a PROJECT, a UNIT, an ORDER (each looked up by the module that
 * owns it, through {@link StockReferences}) or OTHER. Purchase-order receipts, cycle counts and reservations write
 * their own references, so a caller cannot put a movement in their histories (422). Materials issued to a project of
 * the organization, or to one of its units, cost the project (a return gives the cost back) and tell the shop floor
 * which lots its units consumed, in the movement's transaction, as a stage's backflush does. A reference naming no
 * record of the organization (an id of another system, another organization's project) is kept as written and
 * linked to nothing: it costs no project and traces no unit, and no other organization ever sees it.
 */
@Service
public class ReferencedMoves {
    static final String PROJECT = "PROJECT";
    static final String OTHER = "OTHER";
    private static final Set<String> WRITTEN_BY_TRAVELER = Set.of("PURCHASE_ORDER", "CYCLE_COUNT", "RESERVATION");

    private final Ledger ledger;
    private final ProjectStages projects;
    private final List<StockReferences> references;
    private final Catalog catalog;
    private final ApplicationEventPublisher events;

    ReferencedMoves(
            Ledger ledger,
            ProjectStages projects,
            List<StockReferences> references,
            Catalog catalog,
            ApplicationEventPublisher events) {
        this.ledger = ledger;
        this.projects = projects;
        this.references = references;
        this.catalog = catalog;
        this.events = events;
    }

    /** A reference a caller named, checked: both fields or neither; the type in any case. */
    private record Named(Reference reference, UUID projectId, UUID unitId) {}

    @Transactional
    public Posted receive(Ledger.Receipt receipt, String referenceType, UUID referenceId) {
        Named named = named(referenceType, referenceId);
        return ledger.receive(new Ledger.Receipt(
                receipt.partId(),
                receipt.locationId(),
                receipt.quantity(),
                receipt.lotNumber(),
                receipt.unitCost(),
                receipt.supplierId(),
                receipt.expiresOn(),
                named == null ? null : named.reference()));
    }

    @Transactional
    public List<Posted> issue(
            UUID partId, UUID locationId, BigDecimal quantity, String referenceType, UUID referenceId) {
        Named named = named(referenceType, referenceId);
        List<Posted> issued = ledger.issue(partId, locationId, quantity, named == null ? null : named.reference());
        if (named != null && named.projectId() != null) {
            projects.addMaterialsCost(named.projectId(), costOf(issued));
            announce(named, issued);
        }
        return issued;
    }

    @Transactional
    public List<Posted> adjust(
            UUID partId,
            UUID lotId,
            UUID locationId,
            BigDecimal delta,
            String reason,
            String referenceType,
            UUID referenceId) {
        Named named = named(referenceType, referenceId);
        return ledger.adjust(partId, lotId, locationId, delta, reason, named == null ? null : named.reference());
    }

    @Transactional
    public Posted returnToStock(
            UUID lotId, UUID locationId, BigDecimal quantity, String referenceType, UUID referenceId) {
        Named named = named(referenceType, referenceId);
        Posted returned = ledger.returnToStock(lotId, locationId, quantity, named == null ? null : named.reference());
        if (named != null && named.projectId() != null) {
            projects.addMaterialsCost(
                    named.projectId(), costOf(List.of(returned)).negate());
        }
        return returned;
    }

    private Named named(String type, UUID id) {
        if (type == null && id == null) {
            return null;
        }
        if (type == null || type.isBlank()) {
            throw new ValidationException("reference_type", "is required with reference_id");
        }
        if (id == null) {
            throw new ValidationException("reference_id", "is required with reference_type");
        }
        String kind = type.strip().toUpperCase(Locale.ROOT);
        if (WRITTEN_BY_TRAVELER.contains(kind)) {
            throw new ValidationException(
                    "reference_type",
                    kind + " references are written by Traveler itself (receiving a purchase order, posting a count,"
                            + " reserving for a project); name PROJECT, UNIT, ORDER or OTHER");
        }
        Reference reference = new Reference(kind, id);
        if (kind.equals(OTHER)) {
            return new Named(reference, null, null);
        }
        if (kind.equals(PROJECT)) {
            return projects.job(id)
                    .map(project -> new Named(reference, id, null))
                    .orElseGet(() -> new Named(reference, null, null));
        }
        for (StockReferences owner : references) {
            if (owner.types().contains(kind)) {
                return owner.find(kind, id)
                        .map(found -> new Named(reference, found.projectId(), kind.equals("UNIT") ? id : null))
                        .orElseGet(() -> new Named(reference, null, null));
            }
        }
        throw new ValidationException("reference_type", "must be PROJECT, UNIT, ORDER or OTHER");
    }

    private static BigDecimal costOf(List<Posted> postings) {
        return postings.stream()
                .filter(p -> p.unitCost() != null)
                .map(p -> p.unitCost().multiply(p.quantity()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private void announce(Named named, List<Posted> issued) {
        Map<UUID, Catalog.PartRef> parts =
                catalog.parts(issued.stream().map(Posted::partId).toList());
        events.publishEvent(new MaterialsIssued(
                TenantContext.requireOrgId(),
                named.projectId(),
                named.unitId(),
                null,
                issued.stream()
                        .map(p -> new MaterialsIssued.Line(
                                p.movementId(),
                                p.partId(),
                                parts.containsKey(p.partId())
                                        ? parts.get(p.partId()).partNumber()
                                        : null,
                                p.lotId(),
                                p.lotNumber(),
                                p.quantity()))
                        .toList(),
                TenantContext.actorId().orElse(null),
                issued.isEmpty() ? Instant.now() : issued.getFirst().at()));
    }
}
