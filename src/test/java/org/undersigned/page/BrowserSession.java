package org.undersigned.page;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver, in one language, with the
 * checks every page gets: axe-core finds no violation, nothing is wider than a 320 px screen, and
 * screenshots at 320 and 1280 px go to target/screenshots.
 */
final class BrowserSession implements AutoCloseable {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    final Path downloads;
    private final String axe;

    BrowserSession(String language) throws IOException {
        String axePath = System.getProperty("undersigned.axe", ".tools/axe/node_modules/axe-core/axe.min.js");
        if (!Files.exists(Path.of(axePath))) {
            throw new IllegalStateException("axe-core is not at " + axePath + "; bin/browser-tools installs it (bin/test runs it).");
        }
        for (String tool : new String[] {"/usr/bin/chromium", "/usr/bin/chromedriver"}) {
            if (!Files.isExecutable(Path.of(tool))) {
                throw new IllegalStateException(tool + " is missing; bin/browser-tools installs it (bin/test runs it).");
            }
        }
        this.axe = Files.readString(Path.of(axePath));
        this.downloads = Files.createTempDirectory("undersigned-downloads-");
        Path profile = Files.createTempDirectory("undersigned-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        // the machine's network is closed: no background connections, no component updates
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--lang=" + language, "--window-size=1280,1000");
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language,
                "download.default_directory", downloads.toString(), "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    void open(String url) {
        driver.get(url);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    String text(String id) {
        Object text = js("var e = document.getElementById(arguments[0]); return e ? e.textContent.trim() : null;", id);
        return text == null ? null : text.toString();
    }

    boolean visible(String id) {
        return Boolean.TRUE.equals(js("var e = document.getElementById(arguments[0]); return !!e && !e.closest('[hidden]') && e.offsetParent !== null;", id));
    }

    /** What has the focus, looking into shadow roots: its id, or its tag. */
    String focused() {
        return String.valueOf(js("var e = document.activeElement; while (e && e.shadowRoot && e.shadowRoot.activeElement) e = e.shadowRoot.activeElement;"
                + " return e ? (e.id || e.getAttribute('name') || e.tagName.toLowerCase()) : null;"));
    }

    void keys(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    /** Presses Tab until the focused element passes the test (a script returning true), as a keyboard user would. */
    void tabUntil(String condition, String what) {
        for (int i = 0; i < 60; i++) {
            if (Boolean.TRUE.equals(js("var e = document.activeElement; return !!(" + condition + ");"))) {
                return;
            }
            keys(Keys.TAB);
        }
        fail("Tab never reached " + what + "; focus ended on " + focused());
    }

    void tabTo(String id) {
        tabUntil("e && e.id === '" + id + "'", "#" + id);
    }

    void waitUntil(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        fail("waited " + timeout.toSeconds() + " s for " + what);
    }

    /** Waits for the proof-of-work widget to have solved its challenge (its payload is in the form). */
    void awaitProofOfWork() throws InterruptedException {
        waitUntil(() -> Boolean.TRUE.equals(js("var i = document.querySelector('altcha-widget input[name=altcha]'); return !!i && i.value.length > 0;")),
                Duration.ofSeconds(60), "the proof of work");
    }

    /** axe-core's WCAG 2.2 A and AA rules (and its best practices) on the page as it stands: no violation. */
    void accessible(String page) {
        js(axe);
        Object violations = ((JavascriptExecutor) driver).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + " axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})"
                        + ".then(function (r) { done(JSON.stringify(r.violations.map(function (v) {"
                        + " return {id: v.id, impact: v.impact, nodes: v.nodes.map(function (n) { return n.target.join(' ') + ': ' + n.failureSummary; })}; }))); })"
                        + ".catch(function (e) { done('axe failed: ' + e); });");
        assertEquals("[]", violations, "axe-core on " + page);
    }

    /** Screenshots at 320 and 1280 px, the whole page; at 320 px nothing may be wider than the screen. */
    void screenshots(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        for (int width : new int[] {320, 1280}) {
            driver.manage().window().setSize(new Dimension(width, 900));
            Number height = (Number) js("return Math.min(8000, document.documentElement.scrollHeight);");
            driver.manage().window().setSize(new Dimension(width, Math.max(600, height.intValue())));
            if (width == 320) {
                Number overflow = (Number) js("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                assertTrue(overflow.intValue() <= 0, name + " is " + overflow + " px wider than a 320 px screen");
            }
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + "-" + width + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }
        driver.manage().window().setSize(new Dimension(1280, 1000));
    }

    /**
     * Private and whole: everything the page loaded came from the page's own origin, and the
     * browser refused nothing under the page's Content-Security-Policy.
     */
    void selfContained(String page) {
        Object elsewhere = js("return performance.getEntriesByType('resource').map(function (r) { return r.name; })"
                + ".filter(function (n) { return new URL(n).origin !== location.origin; });");
        assertEquals(java.util.List.of(), elsewhere, page + " loaded from another host");
        java.util.List<String> refused = driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .map(org.openqa.selenium.logging.LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Refused to"))
                .toList();
        assertEquals(java.util.List.of(), refused, page + ": the browser refused");
    }

    /** The checks every page gets. */
    void check(String name) throws IOException {
        selfContained(name);
        accessible(name);
        screenshots(name);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
