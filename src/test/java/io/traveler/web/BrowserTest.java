package io.traveler.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The test JVM's headless browser against the running application, for this class; each test starts signed out. */
@ApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTest {
    @LocalServerPort
    int port;

    Browser browser;
    Api api;

    @BeforeAll
    void startBrowser() {
        browser = Browser.start(port);
        api = new Api(port);
    }

    @AfterAll
    void handBackBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void signOut() {
        browser.forget();
        browser.cspViolations();
    }

    /** Every flow works under the Content-Security-Policy: the browser refused nothing the pages tried to do. */
    @AfterEach
    void noContentSecurityPolicyViolations() {
        assertThat(browser.cspViolations()).isEmpty();
    }
}
