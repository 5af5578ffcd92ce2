package io.traveler.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.traveler.shared.db.CommitOutcomeUnknownException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** A page that met the database failing for a moment gets the API's answer as a page: 503, Retry-After, its reason. */
class PageErrorsTests {
    private final PageErrors errors = new PageErrors(mock(Layout.class));

    @Test
    void aPageThatLostALockRaceIsTheBusyPageNotAnError() {
        var response = new MockHttpServletResponse();

        var page = errors.unexpected(
                new CannotAcquireLockException("deadlock", new SQLException("deadlock detected", "40P01")),
                new MockHttpServletRequest("GET", "/app/stations"),
                response);

        assertThat(page.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(response.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(page.getModel().get("message").toString()).contains("nothing was written");
    }

    @Test
    void aPageWhoseCommitLostTheConnectionSaysTheChangeMayHaveBeenSaved() {
        var response = new MockHttpServletResponse();

        var page = errors.unexpected(
                new CommitOutcomeUnknownException(new SQLException("An I/O error occurred", "08006")),
                new MockHttpServletRequest("POST", "/app/stations"),
                response);

        assertThat(page.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(response.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
        assertThat(page.getModel().get("message").toString())
                .contains("may have been saved")
                .doesNotContain("nothing was changed");
    }

    @Test
    void anyOtherFailureIsStillA500() {
        var response = new MockHttpServletResponse();

        var page = errors.unexpected(
                new IllegalStateException("bug"), new MockHttpServletRequest("GET", "/app/stations"), response);

        assertThat(page.getStatus()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(response.getHeader(HttpHeaders.RETRY_AFTER)).isNull();
    }
}
