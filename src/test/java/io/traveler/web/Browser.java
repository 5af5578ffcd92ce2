package io.traveler.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian chromium driven through chromedriver, one per test JVM, handed to one test class at a time. Where
 * chromium or chromedriver is missing the tests are skipped with a message; {@code .ci/run} installs both, so CI always
 * runs them.
 */
final class Browser implements AutoCloseable {
    /**
     * Chromium's headless shell (Debian's {@code chromium-headless-shell}, the old headless mode as a browser of its
     * own) where installed: the same engine without the full browser's layers, about a fifth less time and CPU over
     * the browser tests than {@code chromium --headless}; the full browser otherwise, or the one
     * {@code -Dtraveler.chromium} names.
     */
    private static final Path CHROMIUM = Path.of(System.getProperty(
            "traveler.chromium",
            Files.isExecutable(Path.of("/usr/bin/chromium-headless-shell"))
                    ? "/usr/bin/chromium-headless-shell"
                    : "/usr/bin/chromium"));

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOT_DIR = Path.of("target", "screenshots");
    private static final Duration POLL = Duration.ofMillis(50);
    /** Screenshots for people to look at are taken with {@code -Dtraveler.screenshots=true}; a failure's always. */
    private static final boolean SCREENSHOTS = Boolean.getBoolean("traveler.screenshots");

    private static ChromeDriver shared;

    private final ChromeDriver driver;
    private final String base;

    private Browser(ChromeDriver driver, int port) {
        this.driver = driver;
        this.base = "http://localhost:" + port;
    }

    /**
     * The browser of this test JVM, for one test class: started by the first class and kept for the next ones (a
     * chromium start cost seconds of both cores per class), with the application's site data cleared in between.
     */
    static synchronized Browser start(int port) {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                        + " (Debian: apt-get install -y chromium-headless-shell chromium-driver); skipped");
        if (shared == null || !alive(shared)) {
            shared = launch();
        }
        var browser = new Browser(shared, port);
        browser.clearSiteData();
        return browser;
    }

    private static boolean alive(ChromeDriver driver) {
        try {
            driver.getWindowHandle();
            return true;
        } catch (WebDriverException gone) {
            return false;
        }
    }

    private static ChromeDriver launch() {
        try {
            Path profile = Files.createTempDirectory("traveler-chromium-");
            var options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments(
                    "--headless",
                    // nothing of a profile is written to disk (history, visited links, session state…): about a
                    // tenth of chromium's CPU per page; cookies, storage, IndexedDB and service workers still work
                    "--incognito",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--window-size=1280,900",
                    "--disable-extensions",
                    "--disable-background-timer-throttling",
                    "--disable-renderer-backgrounding",
                    "--disable-backgrounding-occluded-windows",
                    "--disable-breakpad",
                    "--disable-client-side-phishing-detection",
                    "--disable-default-apps",
                    "--disable-hang-monitor",
                    "--disable-ipc-flooding-protection",
                    "--disable-popup-blocking",
                    "--disable-prompt-on-repost",
                    "--disable-search-engine-choice-screen",
                    "--disable-field-trial-config",
                    "--metrics-recording-only",
                    "--password-store=basic",
                    "--use-mock-keychain",
                    "--disable-features=Translate,MediaRouter,OptimizationHints,AutofillServerCommunication,PasswordManagerOnboarding,CertificateTransparencyComponentUpdater",
                    "--user-data-dir=" + profile);
            var logging = new LoggingPreferences();
            logging.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logging);
            if (CHROMIUM.getFileName().toString().endsWith("headless-shell")) {
                // chromedriver then opens the first page itself: the shell starts with none
                options.setCapability("browserName", "chrome-headless-shell");
            }
            var service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            var driver = new ChromeDriver(service, options);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    driver.quit();
                } finally {
                    deleteQuietly(profile);
                }
            }));
            return driver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Forgets everything the application left in the browser: cookies, storage, IndexedDB, service workers and
     * their caches, and the window's size.
     */
    private void clearSiteData() {
        driver.get("about:blank");
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        driver.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", base, "storageTypes", "all"));
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
    }

    /**
     * A wait that looks again every few milliseconds (Selenium's default half-second poll made every page change of
     * a test cost up to half a second of nothing) and reads again when htmx has just swapped what it read.
     */
    WebDriverWait waitUpTo(Duration timeout) {
        var wait = new WebDriverWait(driver, timeout);
        wait.pollingEvery(POLL).ignoring(StaleElementReferenceException.class);
        return wait;
    }

    ChromeDriver driver() {
        return driver;
    }

    void open(String path) {
        driver.get(base + path);
    }

    /** Waits until the browser has arrived at a page whose path starts with {@code prefix}. */
    String awaitPath(String prefix) {
        waitUpTo(Duration.ofSeconds(10)).until(d -> path().startsWith(prefix));
        return path();
    }

    String path() {
        return driver.getCurrentUrl().substring(base.length());
    }

    /** Signs out whoever was signed in: every test starts from the login page. */
    void forget() {
        open("/login");
        driver.manage().deleteAllCookies();
    }

    void signIn(String email, String password) {
        open("/login");
        type(By.id("email"), email);
        type(By.id("password"), password);
        andWaitForTheNextPage(driver.findElement(By.cssSelector("form button[type=submit]")));
    }

    void type(By field, String text) {
        WebElement element = present(field);
        element.clear();
        element.sendKeys(text);
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    String text(By by) {
        return present(by).getText();
    }

    /**
     * The element, waiting up to 10 s for it to be in the page: a page opened right after another navigation (a
     * sign-in's redirect) can still be on its way when {@code get} returns. A CI run once failed to find a list the
     * page it kept as evidence showed.
     */
    private WebElement present(By by) {
        return waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(by));
    }

    /** Presses a form's button and waits for the page that answers. */
    void submit(String buttonText) {
        andWaitForTheNextPage(driver.findElement(By.xpath("//form//button[normalize-space()='" + buttonText + "']")));
    }

    /** Presses one particular button (say, in one row of a table) and waits for the page that answers. */
    void press(WebElement button) {
        andWaitForTheNextPage(button);
    }

    /** Follows a link and waits for the page it leads to. */
    void click(String linkText) {
        andWaitForTheNextPage(driver.findElement(By.linkText(linkText)));
    }

    /**
     * Clicks and waits until the old document is gone and the new one has loaded. Chromium reports a node of a
     * replaced document either as stale or as "does not belong to the document"; both mean the page changed.
     */
    private void andWaitForTheNextPage(WebElement target) {
        WebElement current = driver.findElement(By.tagName("html"));
        // chromium scrolls a target just into view, where the sticky top bar may cover it: centre it first
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", target);
        target.click();
        var wait = waitUpTo(Duration.ofSeconds(10));
        wait.until(d -> {
            try {
                current.getTagName();
                return false;
            } catch (WebDriverException replaced) {
                return true;
            }
        });
        wait.until(d -> "complete".equals(driver.executeScript("return document.readyState")));
    }

    /** Clicks an element that leads to another page (a link, a control that submits its form) and waits for it. */
    void clickAndWait(By by) {
        andWaitForTheNextPage(driver.findElement(by));
    }

    /**
     * The Content-Security-Policy violations chromium logged to the console since the last call: anything the pages
     * do that the policy refuses (an inline script or handler, an injected style, eval).
     */
    List<String> cspViolations() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy"))
                .toList();
    }

    WebElement await(By by) {
        return waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Waits until exactly {@code count} elements match, e.g. after htmx swapped rows in. */
    void awaitCount(By by, int count) {
        waitUpTo(Duration.ofSeconds(10)).until(d -> d.findElements(by).size() == count);
    }

    /**
     * A PNG of the current page in target/screenshots/, for people to look at, when asked for with {@code
     * -Dtraveler.screenshots=true} (each costs chromium about 130 ms of CPU, and no run of the build looks at them).
     */
    void screenshot(String name) {
        if (SCREENSHOTS) {
            keepScreenshot(name);
        }
    }

    private void keepScreenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOT_DIR);
            Files.write(SCREENSHOT_DIR.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * For a failed test: the page's address and title in the output, its screenshot and HTML in target/screenshots/.
     * A browser that cannot tell (it crashed, say) is reported, never thrown over the test's own failure.
     */
    void keepEvidence(String name) {
        try {
            System.err.println(name + ": the browser was at " + path() + " (\"" + driver.getTitle()
                    + "\"); see target/screenshots/" + name + ".png and .html");
            keepScreenshot(name);
            Files.writeString(SCREENSHOT_DIR.resolve(name + ".html"), driver.getPageSource());
        } catch (RuntimeException | IOException unreadable) {
            System.err.println(name + ": the page could not be kept: " + unreadable);
        }
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
    }

    /** The class is done: its site data goes, the browser stays for the next class of this JVM. */
    @Override
    public void close() {
        if (alive(driver)) {
            clearSiteData();
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary profile is harmless
        }
    }
}
