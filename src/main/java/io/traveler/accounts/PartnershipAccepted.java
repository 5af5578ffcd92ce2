package io.traveler.accounts;

import java.util.UUID;

/** A factory accepted a brand's invitation: the brand may now send it purchase orders. */
public record PartnershipAccepted(UUID partnershipId, UUID brandOrgId, UUID factoryOrgId) {}
