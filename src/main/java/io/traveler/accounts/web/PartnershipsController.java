package io.traveler.accounts.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.accounts.internal.Partnership;
import io.traveler.accounts.internal.PartnershipService;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.web.Versions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.*;

@Tag(name = "Partnerships", description = "Brand ↔ factory links")
@RestController
@RequestMapping("/api/partnerships")
class PartnershipsController {
    private final PartnershipService partnerships;

    PartnershipsController(PartnershipService partnerships) {
        this.partnerships = partnerships;
    }

    record PartnershipView(
            UUID id,
            UUID brandOrgId,
            String brandName,
            UUID factoryOrgId,
            String factoryName,
            Partnership.Status status,
            String note,
            Instant invitedAt,
            Instant acceptedAt,
            Instant endedAt) {
        static PartnershipView of(PartnershipService.View v) {
            var p = v.partnership();
            return new PartnershipView(
                    p.id(),
                    p.brandOrgId(),
                    v.brandName(),
                    p.factoryOrgId(),
                    v.factoryName(),
                    p.status(),
                    p.note(),
                    p.invitedAt(),
                    p.acceptedAt(),
                    p.endedAt());
        }
    }

    record PartnershipInvite(
            @NotNull UUID factoryOrgId, @Size(max = 1000) String note) {}

    @Operation(summary = "List the organization's partnerships")
    @GetMapping
    @PreAuthorize("hasAuthority('partnerships:read')")
    ItemList<PartnershipView> list() {
        return new ItemList<>(
                partnerships.list().stream().map(PartnershipView::of).toList(), null);
    }

    @Operation(summary = "Invite a factory to a partnership")
    @PostMapping
    @PreAuthorize("hasAuthority('partnerships:manage')")
    ResponseEntity<PartnershipView> invite(@Valid @RequestBody PartnershipInvite body) {
        var created = partnerships.invite(body.factoryOrgId(), body.note());
        return Versions.created(created.partnership().version(), PartnershipView.of(created));
    }

    @Operation(summary = "Get a partnership")
    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('partnerships:read')")
    ResponseEntity<PartnershipView> get(@PathVariable UUID id) {
        var found = partnerships.get(id);
        return Versions.ok(found.partnership().version(), PartnershipView.of(found));
    }

    @Operation(summary = "Accept a partnership invitation")
    @PostMapping("/{id}/accept")
    @PreAuthorize("hasAuthority('partnerships:manage')")
    ResponseEntity<PartnershipView> accept(@PathVariable UUID id, ExpectedVersion expected) {
        var accepted = partnerships.accept(id, expected);
        return Versions.ok(accepted.partnership().version(), PartnershipView.of(accepted));
    }

    @Operation(summary = "End or decline a partnership")
    @PostMapping("/{id}/end")
    @PreAuthorize("hasAuthority('partnerships:manage')")
    ResponseEntity<PartnershipView> end(@PathVariable UUID id, ExpectedVersion expected) {
        var ended = partnerships.end(id, expected);
        return Versions.ok(ended.partnership().version(), PartnershipView.of(ended));
    }
}
