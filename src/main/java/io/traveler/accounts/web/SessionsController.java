package io.traveler.accounts.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.accounts.internal.security.Tokens;
import io.traveler.shared.errors.ForbiddenException;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.security.TravelerAuthentication;
import io.traveler.shared.security.TravelerPrincipal;
import io.traveler.shared.tenancy.Tenant;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own API sessions (one per sign-in), so a session they do not recognise can be ended. */
@Tag(name = "Organizations and me")
@RestController
@RequestMapping("/api/me/sessions")
class SessionsController {
    private final Tokens tokens;

    SessionsController(Tokens tokens) {
        this.tokens = tokens;
    }

    record SessionView(
            UUID id,
            UUID organizationId,
            String organizationName,
            Instant createdAt,
            Instant lastUsedAt,
            String userAgent,
            String clientAddress,
            boolean current) {}

    @Operation(summary = "The caller's live sessions, most recently used first; the calling one has current=true")
    @GetMapping
    ItemList<SessionView> list() {
        UUID me = requireUser().actorId();
        UUID current = Tokens.SessionId.current().orElse(null);
        return new ItemList<>(
                tokens.sessionsOf(me).stream()
                        .map(s -> new SessionView(
                                s.id(),
                                s.organizationId(),
                                s.organizationName(),
                                s.createdAt(),
                                s.lastUsedAt(),
                                s.userAgent(),
                                s.clientAddress(),
                                s.id().equals(current)))
                        .toList(),
                null);
    }

    @Operation(summary = "End one of the caller's sessions: its tokens stop working at once (404 for anyone else's)")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> end(@PathVariable UUID id) {
        tokens.endSession(requireUser().actorId(), id);
        return ResponseEntity.noContent().build();
    }

    private static TravelerPrincipal requireUser() {
        TravelerPrincipal me = TravelerAuthentication.current().orElseThrow();
        if (me.kind() != Tenant.ActorKind.USER) {
            throw new ForbiddenException("Only a signed-in user has sessions");
        }
        return me;
    }
}
