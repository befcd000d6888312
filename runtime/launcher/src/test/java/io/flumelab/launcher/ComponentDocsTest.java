package io.flumelab.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.testkit.ComponentDocs;
import io.flumelab.testkit.ComponentTestKit;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/components.md's settings tables are the components' declarations, rendered. After changing
 * a declaration, regenerate them with
 * {@code ./mvnw test -pl runtime/launcher -Dtest=ComponentDocsTest -Dflumelab.docs.update=true}.
 */
class ComponentDocsTest {

  /** Surefire runs in the module's directory. */
  private static final Path DOCS = Path.of("..", "..", "docs", "components.md");

  @Test
  void theSettingsTablesAreTheDeclarations() throws IOException {
    String rendered = ComponentDocs.render(ComponentTestKit.ofRegistry().specs());
    if (Boolean.getBoolean("flumelab.docs.update")) {
      ComponentDocs.update(DOCS, rendered);
    }
    assertThat(ComponentDocs.inFile(DOCS))
        .as("the settings tables of %s; regenerate them with ./mvnw test -pl runtime/launcher "
            + "-Dtest=ComponentDocsTest -Dflumelab.docs.update=true", DOCS)
        .isEqualTo(rendered);
  }
}
