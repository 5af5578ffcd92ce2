package io.traveler.configurator;

import java.util.UUID;

/**
 * The demo data placed an order line of a configurable product and wants it configured with the demo's values and
 * its BOM generated (published by the orders module's demo, heard by the configurator's).
 */
public record DemoLineToConfigure(UUID orgId, UUID actorId, UUID orderLineId, UUID productId) {}
