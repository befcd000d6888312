package io.flumelab.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnedFilesTest {

  @TempDir
  Path dir;

  @Test
  void onlyWhatTheStudentOwnsIsCopiedAndNoLinkIsFollowed() throws Exception {
    Path starter = dir.resolve("labs/12-x");
    Files.createDirectories(starter.resolve("jobs"));
    Files.writeString(starter.resolve("pom.xml"), "<project/>");
    Files.writeString(starter.resolve("README.md"), "# 12");
    Files.writeString(starter.resolve("questions.properties"), "a =");
    Path answer = dir.resolve("answers/12-x");
    Files.createDirectories(answer.resolve("src/main/java"));
    Files.writeString(answer.resolve("src/main/java/Answer.java"), "class Answer {}");

    Path student = dir.resolve("work/labs/12-x");
    Files.createDirectories(student.resolve("jobs"));
    Files.writeString(student.resolve("jobs/my.conf"), "a1.sources = r1");
    Files.writeString(student.resolve("pom.xml"), "<project>edited</project>");
    Files.writeString(student.resolve("questions.properties"), "a = 1");
    // src/ is a link into the answers: src/main under it is no link itself
    Files.createSymbolicLink(student.resolve("src"), answer.resolve("src"));

    List<String> owned = OwnedFiles.of(starter);
    List<String> copied = OwnedFiles.copy(owned, student, dir.resolve("graded"));

    assertThat(owned).containsExactly("jobs", "conf", "src/main", "questions.properties");
    assertThat(copied).containsExactly("jobs/", "questions.properties");
    assertThat(dir.resolve("graded/jobs/my.conf")).exists();
    assertThat(dir.resolve("graded/questions.properties")).hasContent("a = 1");
    assertThat(dir.resolve("graded/pom.xml")).doesNotExist();
    assertThat(dir.resolve("graded/src")).as("src/main through a link to the answers")
        .doesNotExist();
  }
}
