package com.partnercenter.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Headless Debian Chromium through the local chromedriver (never a downloaded browser or driver), one
 * per journey class: {@code @RegisterExtension static final Browser browser = new Browser();}.
 *
 * <p>Fixed window (1280×900), English UI. {@link #screenshot} writes {@code docs/screenshots/<name>.png}
 * only when the system property {@code screenshots} is set ({@code mvn verify -Dscreenshots}), so
 * ordinary runs leave the committed pictures alone. A failing test leaves its page as PNG and HTML in
 * {@code target/browser-failures/}.
 */
public class Browser implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback,
        TestExecutionExceptionHandler {

    static final String CHROMIUM = System.getProperty("browser.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("browser.chromedriver", "/usr/bin/chromedriver");
    static final String INSTALL = "apt-get install -y chromium chromium-driver";
    static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("browser.timeout", 60));
    private static final Path SCREENSHOTS = Path.of("docs", "screenshots");
    private static final Path FAILURES = Path.of("target", "browser-failures");

    private ChromeDriver driver;
    private String baseUrl;

    @Override
    public void beforeAll(ExtensionContext context) {
        for (String executable : new String[] {CHROMIUM, CHROMEDRIVER}) {
            if (!new File(executable).canExecute()) {
                throw new IllegalStateException("The browser journeys need Debian's headless Chromium and its driver; "
                        + executable + " is missing. Install them with: " + INSTALL);
            }
        }
        // Selenium Manager stays out: the driver is named explicitly
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--force-device-scale-factor=1", "--hide-scrollbars", "--lang=en-US", "--disable-gpu");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
        driver = new ChromeDriver(service, options);
        // the page itself is 1280×900, whatever the window decorations take
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 1280, "height", 900, "deviceScaleFactor", 1, "mobile", false));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        String port = SpringExtension.getApplicationContext(context).getEnvironment().getProperty("local.server.port");
        baseUrl = "http://localhost:" + port;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (driver != null) {
            driver.quit();
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        if (driver != null) {
            try {
                Files.createDirectories(FAILURES);
                String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
                Files.write(FAILURES.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
                Files.writeString(FAILURES.resolve(name + ".html"), driver.getCurrentUrl() + "\n" + driver.getPageSource());
            } catch (RuntimeException | IOException e) {
                throwable.addSuppressed(e);
            }
        }
        throw throwable;
    }

    public WebDriver driver() {
        return driver;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Opens a path of the application ("/camunda/app/tasklist/") or a full URL (a link from a mail). */
    public void open(String pathOrUrl) {
        driver.get(pathOrUrl.startsWith("http") ? pathOrUrl : baseUrl + pathOrUrl);
    }

    /** Waits until the condition holds (explicit wait, {@link #TIMEOUT}). */
    public <T> T until(Function<? super WebDriver, T> condition) {
        // Angular re-renders often: an element found a moment ago may be replaced, try again then
        return new WebDriverWait(driver, TIMEOUT).ignoring(StaleElementReferenceException.class).until(condition);
    }

    /** Waits until the condition holds, at most {@code timeout}; false when it did not. */
    public boolean within(Duration timeout, Function<? super WebDriver, Boolean> condition) {
        try {
            new WebDriverWait(driver, timeout).ignoring(StaleElementReferenceException.class).until(condition);
            return true;
        } catch (org.openqa.selenium.TimeoutException e) {
            return false;
        }
    }

    public WebElement visible(By locator) {
        return until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    public WebElement clickable(By locator) {
        return until(ExpectedConditions.elementToBeClickable(locator));
    }

    /** Clicks the element once clickable, scrolled to the middle of the window (not under a fixed footer). */
    public void click(By locator) {
        WebElement element = clickable(locator);
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});", element);
        clickable(locator).click();
    }

    /** Waits until the page's body shows the text. */
    public void waitForText(String text) {
        until(d -> d.findElement(By.tagName("body")).getText().contains(text));
    }

    public String bodyText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Forgets every session of this browser (the next user signs in afresh). */
    public void signOutEverywhere() {
        driver.manage().deleteAllCookies();
    }

    /** The visible window as {@code docs/screenshots/<name>.png}, when {@code -Dscreenshots} is set. */
    public void screenshot(String name) {
        if (System.getProperty("screenshots") != null) {
            hideCaret();
            write(name, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        }
    }

    /** The whole page, however long, as {@code docs/screenshots/<name>.png}, when {@code -Dscreenshots} is set. */
    public void fullPageScreenshot(String name) {
        if (System.getProperty("screenshots") != null) {
            hideCaret();
            @SuppressWarnings("unchecked")
            Map<String, Object> size = (Map<String, Object>) driver.executeCdpCommand("Page.getLayoutMetrics", Map.of())
                    .get("cssContentSize");
            Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", size.get("width"), "height", size.get("height"),
                    "scale", 1);
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                    Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
            write(name, Base64.getDecoder().decode((String) shot.get("data")));
        }
    }

    /** A blinking text cursor would make every new picture differ from the last. */
    private void hideCaret() {
        driver.executeScript("document.documentElement.style.caretColor = 'transparent'");
    }

    private void write(String name, byte[] png) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write screenshot " + name, e);
        }
    }
}
