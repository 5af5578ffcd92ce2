package io.traveler.shared.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deletes every organization's idempotency keys once their day is over, so stored responses do not outlive their
 * use in organizations that stop sending requests. The application role sees one organization's keys at a time
 * through row-level security; {@code shared.purge_expired_idempotency_keys}, a {@code SECURITY DEFINER} function
 * owned by the migration owner, deletes across them and refuses to cut any key's day short.
 */
public final class IdempotencyKeyPurge {
    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyPurge.class);

    private final JdbcClient jdbc;

    IdempotencyKeyPurge(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Deletes the keys older than a day and answers how many. */
    public int purgeExpired() {
        int purged = jdbc.sql("select shared.purge_expired_idempotency_keys(interval '1 day')")
                .query(Integer.class)
                .single();
        if (purged > 0) {
            log.info("Purged {} expired idempotency keys", purged);
        }
        return purged;
    }
}
