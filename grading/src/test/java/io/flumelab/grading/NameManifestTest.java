package io.flumelab.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flumelab.grading.Submission.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NameManifestTest {

  @TempDir
  Path dir;

  @Test
  void namesSubmissionsByFolderOrArchiveWithOtherColumnsIgnored() throws IOException {
    NameManifest manifest = NameManifest.read(write("""
        email,submission,student
        zs@example.edu,flume-labs-zhangsan,张 三
        ls@example.edu,1047.zip,"Li, Si"
        ww@example.edu,flume-labs-wangwu,王五
        """));

    assertThat(manifest.named(submission("flume-labs-zhangsan", "flume-labs-zhangsan")).name())
        .isEqualTo("张 三");
    assertThat(manifest.named(submission("1047", "1047.zip")).name()).isEqualTo("Li, Si");
    Submission unlisted = submission("flume-labs-zhaoliu", "flume-labs-zhaoliu");
    assertThat(manifest.named(unlisted)).isSameAs(unlisted);
    assertThat(manifest.unused()).containsExactly("flume-labs-wangwu");
  }

  @Test
  void aManifestWithoutTheColumnsSaysWhichItNeeds() throws IOException {
    Path file = write("folder,name\na,b\n");
    assertThatThrownBy(() -> NameManifest.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("'submission' and 'student'");
  }

  @Test
  void aSubmissionListedTwiceIsRefusedWithItsLine() throws IOException {
    Path file = write("submission,student\na,Ann\nb,Bob\na,Abe\n");
    assertThatThrownBy(() -> NameManifest.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file + ":4:")
        .hasMessageContaining("'a' is listed twice (as 'Ann' and 'Abe')");
  }

  private Path write(String text) throws IOException {
    Path file = dir.resolve("names.csv");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private Submission submission(String name, String file) {
    return new Submission(name, dir.resolve(file), file.endsWith(".zip") ? Kind.ZIP
        : Kind.DIRECTORY);
  }
}
