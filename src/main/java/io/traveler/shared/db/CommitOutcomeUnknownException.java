package io.traveler.shared.db;

import org.springframework.transaction.TransactionSystemException;

/**
 * The database connection was lost while a transaction was being committed: the database may have committed it
 * before the connection went, or not. Unlike a connection lost before anything ran, the caller cannot be told that
 * nothing was written.
 */
public class CommitOutcomeUnknownException extends TransactionSystemException {
    public CommitOutcomeUnknownException(Throwable cause) {
        super("The connection was lost while the transaction was being committed", cause);
    }
}
