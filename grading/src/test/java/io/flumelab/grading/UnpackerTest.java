package io.flumelab.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flumelab.grading.Submission.Kind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnpackerTest {

  @TempDir
  Path dir;

  @Test
  void aZipIsExtractedUnderItsStudentsName() throws Exception {
    Path zip = zip("张 三.zip", "张 三/labs/01-netcat-logger/jobs/a.conf");

    List<Submission> found = Submissions.find(List.of(dir), List.of("01-netcat-logger"));
    assertThat(found).extracting(Submission::name, Submission::kind)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("张 三", Kind.ZIP));
    Unpacker.unpack(found.get(0), dir.resolve("out"));

    assertThat(dir.resolve("out/张 三/labs/01-netcat-logger/jobs/a.conf")).hasContent("x");
    assertThat(LabLocator.locate(dir.resolve("out"), "01-netcat-logger", false))
        .contains(dir.resolve("out/张 三/labs/01-netcat-logger"));
    assertThat(zip).exists();
  }

  @Test
  void aZipWithAPathOutsideItselfIsRefused() throws Exception {
    Path zip = zip("mallory.zip", "labs/ok.txt", "../../escaped.txt");

    assertThatThrownBy(() -> Unpacker.unpack(new Submission("mallory", zip, Kind.ZIP),
        dir.resolve("out/mallory")))
        .isInstanceOf(Unpacker.Refused.class)
        .hasMessageContaining("../../escaped.txt").hasMessageContaining("zip slip");
    assertThat(dir.resolve("escaped.txt")).doesNotExist();
    assertThat(dir.getParent().resolve("escaped.txt")).doesNotExist();
  }

  @Test
  void aZipWithAnAbsolutePathIsRefused() throws Exception {
    Path zip = zip("abs.zip", "/tmp/flumelab-absolute.txt");

    assertThatThrownBy(() -> Unpacker.unpack(new Submission("abs", zip, Kind.ZIP),
        dir.resolve("out")))
        .isInstanceOf(Unpacker.Refused.class).hasMessageContaining("absolute path");
  }

  @Test
  void aTarGzIsExtractedAndALinkInOneIsRefused() throws Exception {
    Path good = tar("bob.tar.gz", false);
    Unpacker.unpack(new Submission("bob", good, Kind.TAR), dir.resolve("bob"));
    assertThat(dir.resolve("bob/labs/08-custom-source-sink/jobs/a.conf")).hasContent("x");

    Path linked = tar("eve.tar.gz", true);
    assertThatThrownBy(() -> Unpacker.unpack(new Submission("eve", linked, Kind.TAR),
        dir.resolve("eve")))
        .isInstanceOf(Unpacker.Refused.class).hasMessageContaining("link");
  }

  @Test
  void aGitRepositoryIsClonedUnderItsFoldersName() throws Exception {
    Path repo = dir.resolve("class/carol");
    Files.createDirectories(repo.resolve("labs/01-netcat-logger/jobs"));
    Files.writeString(repo.resolve("labs/01-netcat-logger/jobs/a.conf"), "x");
    git(repo, "init", "-q");
    git(repo, "add", ".");
    git(repo, "-c", "user.name=c", "-c", "user.email=c@example.org", "commit", "-qm", "work");
    Files.writeString(repo.resolve("labs/01-netcat-logger/jobs/a.conf"), "not committed");

    List<Submission> found = Submissions.find(List.of(dir.resolve("class")), List.of());
    assertThat(found).extracting(Submission::name, Submission::kind)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("carol", Kind.GIT));
    Unpacker.unpack(found.get(0), dir.resolve("out/carol"));

    assertThat(dir.resolve("out/carol/labs/01-netcat-logger/jobs/a.conf"))
        .as("what was committed, not the working tree").hasContent("x");
  }

  private Path zip(String name, String... entries) throws IOException {
    Path zip = dir.resolve(name);
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (String entry : entries) {
        out.putNextEntry(new ZipEntry(entry));
        out.write("x".getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return zip;
  }

  private Path tar(String name, boolean withLink) throws IOException {
    Path tar = dir.resolve(name);
    try (OutputStream file = Files.newOutputStream(tar);
        GZIPOutputStream gzip = new GZIPOutputStream(file);
        TarArchiveOutputStream out = new TarArchiveOutputStream(gzip)) {
      TarArchiveEntry entry = new TarArchiveEntry("labs/08-custom-source-sink/jobs/a.conf");
      entry.setSize(1);
      out.putArchiveEntry(entry);
      out.write('x');
      out.closeArchiveEntry();
      if (withLink) {
        TarArchiveEntry link = new TarArchiveEntry("labs/up", TarArchiveEntry.LF_SYMLINK);
        link.setLinkName("/etc");
        out.putArchiveEntry(link);
        out.closeArchiveEntry();
      }
    }
    return tar;
  }

  private static void git(Path repo, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    Process git = new ProcessBuilder(command).directory(repo.toFile()).inheritIO().start();
    assertThat(git.waitFor()).as("git %s", List.of(args)).isZero();
  }
}
