package io.flumelab.cluster.hdfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.cluster.HeadlessChromium;
import io.flumelab.cluster.junit.LabAgents;
import io.flumelab.cluster.junit.LabCluster;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The NameNode's web UI as labs 02 and 03 send students to it: "Browse the file system" lists the
 * directories an hdfs sink made and opens its file, in Debian's chromium (headless), which knows
 * the course's names as a student's /etc/hosts would. A screenshot of the opened file is kept in
 * {@code target/screenshots}.
 */
@LabCluster(hdfs = true)
class NameNodeUiIT {

  private static final Duration SHOWS = Duration.ofSeconds(30);
  private static final List<String> LINES = List.of("hello from the hdfs sink", "second line", "third line");

  @TempDir
  Path dir;

  private HeadlessChromium chromium;
  private WebDriver browser;
  private WebDriverWait wait;
  private String testName;

  @BeforeEach
  void startBrowser(TestInfo test) {
    chromium = HeadlessChromium.start(dir);
    browser = chromium.driver();
    wait = chromium.waiting(SHOWS);
    testName = test.getTestMethod().orElseThrow().getName();
  }

  @AfterEach
  void keepScreenshotAndQuit() {
    if (chromium != null) {
      chromium.screenshot("NameNodeUiIT-" + testName);
      chromium.close();
    }
  }

  @Test
  void browseTheFileSystemListsAndOpensWhatAnHdfsSinkWrote(LabAgents agents, FileSystem hdfs)
      throws IOException {
    LocatedFileStatus file = HdfsSinkAgent.write(agents, hdfs, dir, "/flume/upload",
        Map.of("hdfs.fileType", "DataStream"), LINES).get(0);
    String path = file.getPath().toUri().getPath();
    // /flume/upload/<yyyyMMdd>/<HH>/logs-.<n>: the directories below /flume, then the file
    List<String> clicks = List.of(path.substring("/flume/".length()).split("/"));

    browser.get("http://hadoop102:9870/explorer.html#/flume");
    for (String name : clicks) {
      WebElement link = wait.until(ExpectedConditions.elementToBeClickable(
          By.xpath("//table[@id='table-explorer']//a[@class='explorer-browse-links' and text()='"
              + name + "']")));
      link.click();
    }

    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("file-info-title")));
    assertThat(browser.findElement(By.id("file-info-title")).getText())
        .isEqualTo("File information - " + file.getPath().getName());
    browser.findElement(By.id("file-info-preview-head")).click();
    WebElement preview = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.id("file-info-preview-body")));
    wait.until(shown -> !preview.getDomProperty("value").isEmpty());
    assertThat(preview.getDomProperty("value")).isEqualTo(String.join("\n", LINES) + "\n");

    // "Download" leads to the NameNode, which redirects the browser to the DataNode
    String download = browser.findElement(By.id("file-info-download")).getDomProperty("href");
    assertThat(download).isEqualTo("http://hadoop102:9870/webhdfs/v1" + path + "?op=OPEN");
    Object downloaded = ((JavascriptExecutor) browser).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "fetch(arguments[0]).then(r => r.text()).then(done, e => done('failed: ' + e));",
        download);
    assertThat(downloaded).isEqualTo(String.join("\n", LINES) + "\n");
  }
}
