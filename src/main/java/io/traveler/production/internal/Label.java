package io.traveler.production.internal;

import java.util.UUID;

/**
 * What one unit's label shows: the QR code of {@code url} (the unit's page, {@code {public-url}/s/{serial}}), the
 * serial in text and a small caption naming the project (its code and name).
 */
public record Label(UUID unitId, String serial, String url, String caption) {}
