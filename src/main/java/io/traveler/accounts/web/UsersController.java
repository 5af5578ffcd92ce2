package io.traveler.accounts.web;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.accounts.internal.MemberService;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.web.Versions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.*;

@Tag(name = "Users", description = "Members of the organization and their roles")
@RestController
@RequestMapping("/api/users")
class UsersController {
    private final MemberService members;

    UsersController(MemberService members) {
        this.members = members;
    }

    record RoleRef(UUID id, String name) {}

    record UserView(
            UUID id,
            String email,
            String name,
            String status,
            List<RoleRef> roles,
            boolean mfaEnabled,
            Instant lastLoginAt) {
        static UserView of(MemberService.Member m) {
            return new UserView(
                    m.userId(),
                    m.email(),
                    m.name(),
                    m.status(),
                    m.roles().stream().map(r -> new RoleRef(r.id(), r.name())).toList(),
                    m.mfaEnabled(),
                    m.lastLoginAt());
        }
    }

    record UserAdd(
            @NotBlank @Email @Size(max = 254) String email,
            @Size(max = 200) String name,
            String password,
            @NotEmpty Set<UUID> roleIds) {}

    record UserChange(Set<UUID> roleIds, String status) {}

    @GetMapping
    @PreAuthorize("hasAuthority('users:read')")
    ItemList<UserView> list() {
        return new ItemList<>(members.list().stream().map(UserView::of).toList(), null);
    }

    @PostMapping
    @PreAuthorize("hasAuthority('users:manage')")
    ResponseEntity<UserView> add(@Valid @RequestBody UserAdd body) {
        var added = members.add(body.email(), body.name(), body.password(), body.roleIds());
        return ResponseEntity.status(HttpStatus.CREATED)
                .eTag(Versions.etag(added.version()))
                .body(UserView.of(added));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('users:read')")
    ResponseEntity<UserView> get(@PathVariable UUID id) {
        var found = members.get(id);
        return ResponseEntity.ok().eTag(Versions.etag(found.version())).body(UserView.of(found));
    }

    @PatchMapping("/{id}")
    @PreAuthorize("hasAuthority('users:manage')")
    ResponseEntity<UserView> change(
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody UserChange body) {
        var changed = members.change(id, ifMatch, body.roleIds(), body.status());
        return ResponseEntity.ok().eTag(Versions.etag(changed.version())).body(UserView.of(changed));
    }

    @PostMapping("/{id}/end-sessions")
    @PreAuthorize("hasAuthority('users:manage')")
    ResponseEntity<Void> endSessions(@PathVariable UUID id) {
        members.endSessions(id);
        return ResponseEntity.noContent().build();
    }
}
