package io.traveler.shared.security;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells every node that something a caller is built from has changed, so that a cached caller is dropped as soon as
 * the change commits: on this node before the request that made the change answers, on the others through
 * PostgreSQL's {@code NOTIFY} on {@link #CHANNEL}, sent in the change's own transaction (a rolled-back change
 * notifies nobody). The accounts tables notify through triggers whoever writes them; a module whose data shapes the
 * caller (the settings' MFA requirement) announces its change here.
 */
@Component
public class PrincipalChanges {
    public static final String CHANNEL = "traveler_principals";

    /** What a change reaches: every caller of an account, a membership, an organization, a session or an API key. */
    public enum Scope {
        USER("user"),
        MEMBERSHIP("membership"),
        ORGANIZATION("organization"),
        SESSION("session"),
        API_KEY("api_key");

        private final String prefix;

        Scope(String prefix) {
            this.prefix = prefix;
        }
    }

    /** One change, as the payload {@code <scope>:<id>} the database triggers send too. */
    public record Change(Scope scope, UUID id) {
        public String payload() {
            return scope.prefix + ":" + id;
        }

        /** A payload of this version's vocabulary; anything else (another version's, garbage) is empty. */
        public static Optional<Change> parse(String payload) {
            int colon = payload == null ? -1 : payload.indexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            String prefix = payload.substring(0, colon);
            for (Scope scope : Scope.values()) {
                if (scope.prefix.equals(prefix)) {
                    try {
                        return Optional.of(new Change(scope, UUID.fromString(payload.substring(colon + 1))));
                    } catch (IllegalArgumentException e) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.empty();
        }
    }

    /** Whoever keeps callers on this node. */
    public interface Listener {
        void changed(Change change);
    }

    private final JdbcClient jdbc;
    private final List<Listener> listeners;

    PrincipalChanges(JdbcClient jdbc, List<Listener> listeners) {
        this.jdbc = jdbc;
        this.listeners = listeners;
    }

    /**
     * Announces a change made in the current transaction: other nodes hear it when it commits, this node right after
     * it commits (at once when there is no transaction).
     */
    public void announce(Scope scope, UUID id) {
        Change change = new Change(scope, id);
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            tellThisNode(change);
            return;
        }
        jdbc.sql("select pg_notify(:channel, :payload)")
                .param("channel", CHANNEL)
                .param("payload", change.payload())
                .query()
                .singleValue();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                tellThisNode(change);
            }
        });
    }

    private void tellThisNode(Change change) {
        listeners.forEach(listener -> listener.changed(change));
    }
}
