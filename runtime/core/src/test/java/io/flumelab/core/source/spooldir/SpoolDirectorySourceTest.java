package io.flumelab.core.source.spooldir;

import static io.flumelab.core.testing.SourceTesting.context;
import static io.flumelab.core.testing.TestData.bodies;
import static io.flumelab.core.testing.TestData.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.awaitility.Awaitility.await;

import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.FlumeException;
import io.flumelab.core.testing.LogCapture;
import io.flumelab.core.testing.SourceHarness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The spooling directory source on real directories, writing into a real memory channel. */
class SpoolDirectorySourceTest {

  private static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir
  Path spool;

  @RegisterExtension
  final SourceHarness harness = new SourceHarness();
  private final List<Event> taken = new ArrayList<>();
  private final LogCapture log = LogCapture.attach(SpoolDirectorySource.class, Level.INFO);
  private long clock = 1_600_000_000_000L;

  @AfterEach
  void tearDown() {
    log.close();
  }

  private void channel(String... settings) {
    harness.startChannel(settings(settings));
  }

  private SpoolDirectorySource start(String... settings) {
    if (harness.channel() == null) {
      channel();
    }
    return harness.start(configured(settings));
  }

  private SpoolDirectorySource configured(String... settings) {
    SpoolDirectorySource source = new SpoolDirectorySource();
    source.setName("r1");
    source.configure(context(Map.of("spoolDir", spool.toString(), "pollDelay", "20"), settings));
    return source;
  }

  /** A file written whole, with a modification time later than the files written before it. */
  private Path file(String name, String content) throws IOException {
    return file(name, content.getBytes(StandardCharsets.UTF_8));
  }

  private Path file(String name, byte[] content) throws IOException {
    Path path = spool.resolve(name);
    Files.createDirectories(path.getParent());
    Files.write(path, content);
    Files.setLastModifiedTime(path, FileTime.fromMillis(clock += 10_000));
    return path;
  }

  private static String lines(int from, int to) {
    StringBuilder text = new StringBuilder();
    IntStream.rangeClosed(from, to).forEach(i -> text.append("line ").append(i).append('\n'));
    return text.toString();
  }

  private static List<String> expected(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i).toList();
  }

  private List<Event> takeAll() {
    taken.addAll(harness.takeAvailable());
    return taken;
  }

  private List<String> takeUntil(int count) {
    await().atMost(WAIT).until(() -> takeAll().size() >= count);
    return bodies(taken);
  }

  private void awaitLog(String start) {
    await().atMost(WAIT).alias(start + " not in " + log.lines())
        .until(() -> log.lines().stream().anyMatch(l -> l.startsWith(start)));
  }

  @Test
  void filesAreReadOldestFirstAndRenamedWhenDone() throws IOException {
    file("b.log", "b1\nb2\n");
    file("a.log", "a1\na2\na3"); // younger, and without a final newline
    start();
    assertThat(takeUntil(5)).containsExactly("b1", "b2", "a1", "a2", "a3");
    awaitLog("INFO Spooling directory source r1: finished a.log (3 events), renamed to "
        + "a.log.COMPLETED");
    assertThat(spool.resolve("b.log.COMPLETED")).exists();
    assertThat(spool.resolve("b.log")).doesNotExist();
    assertThat(spool.resolve("a.log")).doesNotExist();
  }

  @Test
  void youngestFirstWhenAsked() throws IOException {
    file("old.log", "old\n");
    file("new.log", "new\n");
    start("consumeOrder", "youngest");
    assertThat(takeUntil(2)).containsExactly("new", "old");
  }

  @Test
  void filesBeingWrittenAsTmpAreIgnoredAsInTheCourse() throws IOException {
    file("part.log.tmp", "not yet\n");
    file("done.log", "ready\n");
    start("ignorePattern", "([^ ]*\\.tmp)");
    assertThat(takeUntil(1)).containsExactly("ready");
    awaitLog("INFO Spooling directory source r1: finished done.log");
    assertThat(spool.resolve("part.log.tmp")).exists();
    assertThat(takeAll()).hasSize(1);
  }

  @Test
  void includePatternAndRecursiveSearch() throws IOException {
    file("skip.txt", "no\n");
    file("sub/deep.log", "deep\n");
    file("top.log", "top\n");
    start("includePattern", "^.*\\.log$", "recursiveDirectorySearch", "true");
    assertThat(takeUntil(2)).containsExactly("deep", "top");
    await().atMost(WAIT).until(() -> Files.exists(spool.resolve("sub/deep.log.COMPLETED")));
    assertThat(spool.resolve("skip.txt")).exists();
  }

  @Test
  void fileAndBasenameHeaders() throws IOException {
    Path path = file("access.log", "GET /\n");
    start("fileHeader", "true", "basenameHeader", "true", "basenameHeaderKey", "name");
    takeUntil(1);
    assertThat(taken.get(0).getHeaders())
        .containsEntry("file", path.toAbsolutePath().toString())
        .containsEntry("name", "access.log");
  }

  @Test
  void deletePolicyImmediateDeletesDoneFiles() throws IOException {
    file("gone.log", "x\n");
    start("deletePolicy", "immediate");
    assertThat(takeUntil(1)).containsExactly("x");
    awaitLog("INFO Spooling directory source r1: finished gone.log (1 events), deleted");
    assertThat(spool.resolve("gone.log")).doesNotExist();
    assertThat(spool.resolve("gone.log.COMPLETED")).doesNotExist();
  }

  @Test
  void aFullChannelLosesAndDuplicatesNothingAndTheFileIsDoneOnlyAfterTheLastCommit()
      throws IOException {
    channel("capacity", "10", "transactionCapacity", "5", "keep-alive", "0");
    file("big.log", lines(1, 100));
    SpoolDirectorySource source = start("batchSize", "5", "maxBackoff", "50");
    await().atMost(WAIT).until(() -> source.getCounter().getChannelWriteFail() > 0);
    assertThat(spool.resolve("big.log")).exists();
    assertThat(spool.resolve("big.log.COMPLETED")).doesNotExist();
    assertThat(takeUntil(100)).isEqualTo(expected(1, 100));
    awaitLog("INFO Spooling directory source r1: finished big.log (100 events)");
    assertThat(source.getCounter().getEventAcceptedCount()).isEqualTo(100);
  }

  @Test
  void aRestartResumesAtTheLastCommittedLine() throws IOException {
    channel("capacity", "10", "transactionCapacity", "5", "keep-alive", "0");
    file("big.log", lines(1, 25));
    SpoolDirectorySource first = start("batchSize", "5", "maxBackoff", "50");
    await().atMost(WAIT).until(() -> first.getCounter().getChannelWriteFail() > 0);
    first.stop();
    assertThat(spool.resolve("big.log")).exists();
    assertThat(takeAll()).hasSize(10);

    start("batchSize", "5", "maxBackoff", "50");
    awaitLog("INFO Spooling directory source r1: resuming big.log at byte ");
    assertThat(takeUntil(25)).isEqualTo(expected(1, 25));
    awaitLog("INFO Spooling directory source r1: finished big.log (25 events)");
    assertThat(spool.resolve(".flumespool")).isEmptyDirectory();
  }

  @Test
  void aFileChangedWhileReadIsLeftAloneAndOthersStillFlow() throws IOException {
    channel("capacity", "10", "transactionCapacity", "5", "keep-alive", "0");
    Path changing = file("a.log", lines(1, 20));
    SpoolDirectorySource source = start("batchSize", "5", "maxBackoff", "50");
    await().atMost(WAIT).until(() -> source.getCounter().getChannelWriteFail() > 0);
    Files.writeString(changing, "appended later\n", StandardOpenOption.APPEND);
    file("b.log", "b1\n");
    await().atMost(WAIT).until(() -> takeAll().stream().anyMatch(
        e -> new String(e.getBody(), StandardCharsets.UTF_8).equals("b1")));
    awaitLog("ERROR Spooling directory source r1: " + changing + " is left as it is: it changed "
        + "while it was read");
    assertThat(changing).exists();
    assertThat(spool.resolve("a.log.COMPLETED")).doesNotExist();
    awaitLog("INFO Spooling directory source r1: finished b.log (1 events)");
  }

  @Test
  void aReusedNameIsLeftAloneAndOthersStillFlow() throws IOException {
    file("x.log.COMPLETED", "from last week\n");
    Path reused = file("x.log", "new content\n");
    file("y.log", "y1\n");
    start();
    assertThat(takeUntil(1)).containsExactly("y1");
    awaitLog("ERROR Spooling directory source r1: " + reused + " is left as it is: its done name "
        + "x.log.COMPLETED exists already");
    assertThat(reused).exists();
    assertThat(Files.readString(spool.resolve("x.log.COMPLETED"))).isEqualTo("from last week\n");
    assertThat(log.lines().stream().filter(l -> l.startsWith("ERROR")).count()).isEqualTo(1);
  }

  /**
   * A read that fails for every user, root included: the name is a link to this JVM's
   * /proc/self/mem, a regular file whose first bytes (address 0, never mapped) give an I/O error.
   */
  @Test
  void aFileWhoseReadFailsIsSetAsideOnceTheOthersFlowAndItIsReadOnceReplaced() throws IOException {
    Path memory = Path.of("/proc/self/mem");
    assumeFalse(!Files.isRegularFile(memory), "needs Linux's /proc");
    file("a.log", "a1\n");
    Path failing = Files.createSymbolicLink(spool.resolve("b.log"), memory);
    file("c.log", "c1\n");
    SpoolDirectorySource source = start();

    assertThat(takeUntil(2)).containsExactlyInAnyOrder("a1", "c1");
    awaitLog("ERROR Spooling directory source r1: cannot read " + failing + " (Input/output "
        + "error; 0 events of it were sent): it is set aside and tried again when it changes");
    // 20 ms polls: 25 looks at the directory in which the set-aside file must not be retried
    await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> errors() == 1);
    assertThat(source.getCounter().getEventReadFail()).isEqualTo(1);

    Files.delete(failing);
    file("b.log", "b1\n");
    assertThat(takeUntil(3)).containsExactlyInAnyOrder("a1", "c1", "b1");
    awaitLog("INFO Spooling directory source r1: finished b.log (1 events)");
  }

  @Test
  void aDirectoryThatFailsEveryPollIsLoggedOnceAndReadAgainOnceBack() throws IOException {
    file("a.log", "a1\n");
    start();
    assertThat(takeUntil(1)).containsExactly("a1");
    Path moved = Files.move(spool, spool.resolveSibling(spool.getFileName() + "-away"));

    awaitLog("ERROR Spooling directory source r1: error while reading " + spool);
    // 20 ms polls: 25 failed looks at the directory, one ERROR
    await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> errors() == 1);

    Files.move(moved, spool);
    file("b.log", "b1\n");
    assertThat(takeUntil(2)).containsExactly("a1", "b1");
  }

  /**
   * The defect as users meet it: a file the agent's user may not read. Root reads a mode 000 file
   * anyway, so this runs only where the test JVM cannot (not root, or root without
   * CAP_DAC_OVERRIDE); SpoolUnreadableFileIT makes it real for root with a process that lacks it.
   */
  @Test
  void aFileWithoutReadPermissionIsSetAsideAndReadOnceAllowed() throws IOException {
    file("a.log", "a1\n");
    Path locked = file("b.log", "b1\n");
    file("c.log", "c1\n");
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    assumeFalse(canOpen(locked), "this JVM reads mode 000 files (root with CAP_DAC_OVERRIDE)");
    start();

    assertThat(takeUntil(2)).containsExactly("a1", "c1");
    awaitLog("ERROR Spooling directory source r1: cannot read " + locked + " (permission denied");
    await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> errors() == 1);

    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(takeUntil(3)).containsExactly("a1", "c1", "b1");
    awaitLog("INFO Spooling directory source r1: " + locked + " can be read now");
  }

  private long errors() {
    return log.lines().stream().filter(l -> l.startsWith("ERROR")).count();
  }

  private static boolean canOpen(Path file) {
    try (var in = Files.newInputStream(file)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static byte[] withBadBytes() {
    byte[] head = "ok\n".getBytes(StandardCharsets.UTF_8);
    byte[] bad = {(byte) 0xff, (byte) 0xfe};
    byte[] tail = "bad\nafter\n".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + bad.length + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(bad, 0, all, head.length, bad.length);
    System.arraycopy(tail, 0, all, head.length + bad.length, tail.length);
    return all;
  }

  @Test
  void undecodableBytesFailTheFileButNotTheSource() throws IOException {
    Path bad = file("bad.log", withBadBytes());
    file("good.log", "good\n");
    SpoolDirectorySource source = start();
    assertThat(takeUntil(2)).containsExactly("ok", "good");
    awaitLog("ERROR Spooling directory source r1: " + bad + " is left as it is: bytes at offset 3 "
        + "are not valid UTF-8 text and decodeErrorPolicy is FAIL");
    assertThat(bad).exists();
    assertThat(source.getCounter().getEventReadFail()).isEqualTo(1);
  }

  @Test
  void undecodableBytesAreReplacedOrIgnoredWhenAsked() throws IOException {
    file("bad.log", withBadBytes());
    SpoolDirectorySource replacing = start("decodeErrorPolicy", "REPLACE");
    assertThat(takeUntil(3)).containsExactly("ok", "\uFFFD\uFFFDbad", "after");
    harness.stop(replacing);
    taken.clear();
    file("bad2.log", withBadBytes());
    start("decodeErrorPolicy", "IGNORE");
    assertThat(takeUntil(3)).containsExactly("ok", "bad", "after");
  }

  @Test
  void longLinesAreCutAndTheRestComesNext() throws IOException {
    file("long.log", "abcdéfghij\nfour\n");
    start("deserializer.maxLineLength", "4");
    assertThat(takeUntil(4)).containsExactly("abcd", "éfgh", "ij", "four");
  }

  @Test
  void badSettingsAndAMissingDirectoryAreExplained() {
    assertThatThrownBy(() -> {
      SpoolDirectorySource source = new SpoolDirectorySource();
      source.setName("r1");
      source.configure(new Context());
    }).isInstanceOfSatisfying(ConfigurationException.class,
        e -> assertThat(e.getKey()).isEqualTo("spoolDir"));
    assertThatThrownBy(() -> configured("deletePolicy", "later"))
        .isInstanceOfSatisfying(ConfigurationException.class,
            e -> assertThat(e.getKey()).isEqualTo("deletePolicy"));
    assertThatThrownBy(() -> configured("inputCharset", "UTF-16"))
        .isInstanceOfSatisfying(ConfigurationException.class,
            e -> assertThat(e.getKey()).isEqualTo("inputCharset"));
    assertThatThrownBy(() -> configured("ignorePattern", "(unclosed"))
        .isInstanceOfSatisfying(ConfigurationException.class,
            e -> assertThat(e.getKey()).isEqualTo("ignorePattern"));
    assertThatThrownBy(() -> start("spoolDir", spool.resolve("missing").toString()))
        .isInstanceOf(FlumeException.class)
        .hasMessageContaining("does not exist")
        .hasMessageContaining("mkdir -p");
  }

  @Test
  void aSpoolDirThatIsAFileIsSaidToBeAFile() throws IOException {
    Path notADirectory = file("access.log", "a line\n");

    assertThatThrownBy(() -> start("spoolDir", notADirectory.toString()))
        .isInstanceOf(FlumeException.class)
        .hasMessageContaining(notADirectory + " is a file, not a directory")
        .hasMessageNotContaining("does not exist")
        .hasMessageContaining("<agent>.sources.r1.spoolDir");
  }
}
