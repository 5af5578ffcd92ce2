package io.traveler.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.Api;
import io.traveler.testing.ApplicationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The test JVM's headless browser against the running application, for this class; each test starts signed out. */
@ApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(BrowserTest.KeepEvidenceOfFailures.class)
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

    /**
     * A failed browser test leaves what the browser showed: its address and title in the test's output, a screenshot
     * and the page's HTML in target/screenshots/failed-*. Runs before {@code @AfterEach}, so on the failing page.
     */
    static final class KeepEvidenceOfFailures implements AfterTestExecutionCallback {
        @Override
        public void afterTestExecution(ExtensionContext context) {
            if (context.getExecutionException().isEmpty()
                    || !(context.getRequiredTestInstance() instanceof BrowserTest test)
                    || test.browser == null) {
                return;
            }
            test.browser.keepEvidence("failed-" + context.getRequiredTestClass().getSimpleName() + "-"
                    + context.getRequiredTestMethod().getName());
        }
    }
}
