package io.traveler.production.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * One scan as an operator sends it: the unit's code (serial or label URL), the station, what is meant, and what the
 * action needs: the stage action with its value, measured value or photo for {@code record_action}, the defect for
 * {@code report_defect}, a reason for {@code hold}. {@code deviceId} names the scanner (null: "web").
 */
public record Scan(
        String code,
        UUID stationId,
        String action,
        UUID actionId,
        String value,
        BigDecimal measuredValue,
        UUID documentId,
        DefectReport defect,
        String reason,
        String deviceId) {

    public record DefectReport(String code, String severity, String description, List<UUID> photoIds) {}
}
