package io.lcpr.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The distribution's Chromium, headless, driven by its chromedriver: what the report pages' tests load a page in.
 * A page marks {@code <body data-chart="drawn">} when its charts are drawn and keeps script errors in
 * {@code window.__errors} (io.lcpr.delivery.web.Pages).
 */
public final class HeadlessChromium implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver browser;

    private HeadlessChromium(ChromeDriver browser) {
        this.browser = browser;
    }

    public static HeadlessChromium start() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new AssertionError("this test loads a page in a real browser: install Chromium and its driver"
                    + " (apt-get install chromium chromium-driver; .ci/run does)");
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new HeadlessChromium(new ChromeDriver(service, options));
    }

    /**
     * Sends this header with every request of the pages loaded from now on (a bearer token: in a cluster an
     * authenticating proxy in front of the services adds it for a person's browser).
     */
    public HeadlessChromium sending(String header, String value) {
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of(header,
                value)));
        return this;
    }

    /** Loads a page and waits until it says its charts are drawn. */
    public ChromeDriver load(String url) {
        browser.get(url);
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(d -> "drawn".equals(d.findElement(By.tagName("body")).getDomAttribute("data-chart")));
        return browser;
    }

    public Object script(String js) {
        return ((JavascriptExecutor) browser).executeScript(js);
    }

    /** The script errors the page caught. */
    public List<?> errors() {
        return (List<?>) script("return window.__errors");
    }

    @Override
    public void close() {
        browser.quit();
    }
}
