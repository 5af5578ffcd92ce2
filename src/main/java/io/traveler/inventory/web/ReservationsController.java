package io.traveler.inventory.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.catalog.Catalog;
import io.traveler.inventory.internal.ProjectMaterials;
import io.traveler.shared.paging.ItemList;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A project's reservations: per part and consuming stage what its pinned BOM requires, what is reserved, what was
 * issued by the backflush and what is short. Statuses are lower case ({@code open}, {@code released},
 * {@code backflushed}).
 */
@Tag(name = "Inventory")
@RestController
class ReservationsController {
    private final ProjectMaterials materials;
    private final Catalog catalog;

    ReservationsController(ProjectMaterials materials, Catalog catalog) {
        this.materials = materials;
        this.catalog = catalog;
    }

    record ReservationView(
            UUID id,
            UUID partId,
            String partNumber,
            String partName,
            String stageName,
            String status,
            BigDecimal required,
            BigDecimal reserved,
            BigDecimal issued,
            BigDecimal shortage,
            Instant backflushedAt) {}

    @Operation(
            summary = "A project's reservations: per part and stage required, reserved, issued and short",
            description = "Made when the project starts from its pinned BOM exploded for its quantity; a stage's"
                    + " lines are issued when it completes (reserved stock first, then available stock, the rest a"
                    + " shortfall)")
    @GetMapping("/api/projects/{id}/reservations")
    @PreAuthorize("hasAuthority('inventory:read')")
    ItemList<ReservationView> reservations(@PathVariable UUID id) {
        return views(materials.linesOf(id));
    }

    @Operation(
            summary = "Reserve again what a started project's reservations still lack (after a receipt, say)",
            description = "409 for a project that is not started (or already completed or cancelled)")
    @PostMapping("/api/projects/{id}/reservations/refresh")
    @PreAuthorize("hasAuthority('inventory:move')")
    ItemList<ReservationView> refresh(@PathVariable UUID id) {
        return views(materials.refresh(id));
    }

    @Operation(summary = "Release everything still reserved for a project (its lines not yet issued)")
    @PostMapping("/api/projects/{id}/reservations/release")
    @PreAuthorize("hasAuthority('inventory:manage')")
    ItemList<ReservationView> release(@PathVariable UUID id) {
        return views(materials.release(id));
    }

    private ItemList<ReservationView> views(List<ProjectMaterials.Line> lines) {
        Map<UUID, Catalog.PartRef> parts =
                catalog.parts(lines.stream().map(ProjectMaterials.Line::partId).toList());
        return new ItemList<>(
                lines.stream()
                        .map(l -> {
                            Catalog.PartRef part = parts.get(l.partId());
                            return new ReservationView(
                                    l.id(),
                                    l.partId(),
                                    part == null ? null : part.partNumber(),
                                    part == null ? null : part.name(),
                                    l.stageName(),
                                    l.status().toLowerCase(Locale.ROOT),
                                    l.required(),
                                    l.reserved(),
                                    l.issued(),
                                    l.shortage(),
                                    l.backflushedAt());
                        })
                        .toList(),
                null);
    }
}
