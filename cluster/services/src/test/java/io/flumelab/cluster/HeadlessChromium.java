package io.flumelab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, headless, driven by Selenium through Debian's chromedriver, for the browser
 * tests: it knows the course's names as a student's /etc/hosts would, keeps its profile and the
 * driver's log in the test's directory, and saves screenshots into {@code flumelab.screenshots}
 * ({@code target/screenshots}).
 */
public final class HeadlessChromium implements AutoCloseable {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private final WebDriver browser;

  private HeadlessChromium(WebDriver browser) {
    this.browser = browser;
  }

  /** Starts a browser whose profile and driver log live in {@code dir}. */
  public static HeadlessChromium start(Path dir) {
    for (Path program : List.of(CHROMIUM, CHROMEDRIVER)) {
      assertThat(program).as("%s: install Debian's chromium and chromium-driver "
          + "(apt-get install chromium chromium-driver)", program).isExecutable();
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--no-first-run", "--window-size=1280,1000",
        "--user-data-dir=" + dir.resolve("chromium-profile"), "--host-resolver-rules=" + courseHosts());
    ChromeDriverService driver = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
        .withLogFile(dir.resolve("chromedriver.log").toFile()).build();
    return new HeadlessChromium(new ChromeDriver(driver, options));
  }

  /** hadoop102 and the others at their loopback addresses, as a student's /etc/hosts has them. */
  private static String courseHosts() {
    return LabHost.COURSE.stream().map(host -> "MAP " + host.name() + " " + host.address())
        .collect(Collectors.joining(","));
  }

  public WebDriver driver() {
    return browser;
  }

  public WebDriverWait waiting(Duration timeout) {
    return new WebDriverWait(browser, timeout);
  }

  /** Saves what the page shows as {@code <name>.png} among the build's screenshots; returns the file. */
  public Path screenshot(String name) {
    Path screenshots = Path.of(System.getProperty("flumelab.screenshots", "target/screenshots"));
    try {
      Files.createDirectories(screenshots);
      byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
      return Files.write(screenshots.resolve(name + ".png"), png);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot save the screenshot " + name, e);
    }
  }

  @Override
  public void close() {
    browser.quit();
  }
}
