package io.traveler.accounts;

import java.util.UUID;

/**
 * A factory accepted a brand's invitation: the brand may now send it purchase orders. Published in the acceptance's
 * transaction; no module reacts yet. It is there for the modules that will (orders: a brand's supplier list), so
 * they need not poll partnerships.
 */
public record PartnershipAccepted(UUID partnershipId, UUID brandOrgId, UUID factoryOrgId) {}
