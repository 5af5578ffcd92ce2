package io.traveler.accounts.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.accounts.internal.mail.OutboxMailer;
import io.traveler.shared.paging.ItemList;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Outbox", description = "The organization's outgoing mail and its delivery")
@RestController
@RequestMapping("/api/outbox")
@Validated
class OutboxController {
    private final OutboxMailer outbox;

    OutboxController(OutboxMailer outbox) {
        this.outbox = outbox;
    }

    /** {@code body} is given only for mail kept in the outbox (no SMTP): a delivered message is its recipient's. */
    record MessageView(
            UUID id,
            String recipient,
            String subject,
            String status,
            int attempts,
            String lastError,
            Instant createdAt,
            Instant sentAt,
            String body) {
        static MessageView of(OutboxMailer.Message m) {
            return new MessageView(
                    m.id(),
                    m.recipient(),
                    m.subject(),
                    m.status(),
                    m.attempts(),
                    m.lastError(),
                    m.createdAt(),
                    m.sentAt(),
                    m.readableBySender() ? m.body() : null);
        }
    }

    @Operation(summary = "The organization's latest outgoing mail, newest first, with its delivery status")
    @GetMapping
    @PreAuthorize("hasAuthority('users:manage')")
    ItemList<MessageView> recent(@RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return new ItemList<>(outbox.recent(limit).stream().map(MessageView::of).toList(), null);
    }
}
