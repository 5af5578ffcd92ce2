package io.traveler.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;

/**
 * A transaction PostgreSQL rolled back to break a deadlock or a serialization conflict wrote nothing and will most
 * likely pass when tried again: 503 with Retry-After, never a 500.
 */
class LockRaceProblemTests {
    private final ProblemHandler handler = new ProblemHandler();

    @Test
    void aDeadlockVictimIsToldToTryAgain() {
        var answer = handler.handleLockFailure(
                new CannotAcquireLockException("deadlock", new SQLException("deadlock detected", "40P01")));

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(((ProblemDetail) answer.getBody()).getDetail()).contains("nothing was written");
    }

    @Test
    void aSerializationFailureUnderAnotherExceptionIsToldToTryAgainToo() {
        var answer = handler.handleUnexpected(new DataAccessResourceFailureException(
                "wrapped", new SQLException("could not serialize access", "40001")));

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
    }

    @Test
    void anyOtherFailureStaysA500() {
        assertThat(handler.handleUnexpected(new IllegalStateException("bug"))
                        .getStatusCode()
                        .value())
                .isEqualTo(500);
    }
}
