package io.flumelab.testkit;

import io.flumelab.core.spi.Check;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.Setting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The key tables of the component docs, rendered from the specs, so the docs say what the code
 * declares. They live between two marker lines of a Markdown file; {@link #update} rewrites that
 * part, {@link #inFile} reads it back for a test to compare.
 */
public final class ComponentDocs {

  public static final String BEGIN = "<!-- settings: generated from each component's declaration; do not edit by hand -->";
  public static final String END = "<!-- settings: end -->";

  private ComponentDocs() {}

  /** One section per type: its Flume class names and a table of its settings. */
  public static String render(List<ComponentSpec> specs) {
    StringBuilder md = new StringBuilder();
    for (ComponentSpec spec : specs) {
      md.append("### ").append(spec.kind().label()).append(" `").append(spec.alias()).append("`\n\n");
      if (!spec.flumeClassNames().isEmpty()) {
        md.append("Also accepted as type: ").append(spec.flumeClassNames().stream()
            .map(name -> "`" + name + "`").collect(Collectors.joining(", "))).append(".\n\n");
      }
      if (spec.settings().isEmpty()) {
        md.append("No settings of its own.\n\n");
      } else {
        md.append("| key | type | default | rule | what it does |\n|---|---|---|---|---|\n");
        for (Setting<?> setting : spec.settings()) {
          md.append("| ").append(keyCell(setting, spec)).append(" | ").append(setting.type().name())
              .append(" | ").append(defaultCell(setting)).append(" | ").append(rules(setting))
              .append(" | ").append(escape(setting.doc())).append(" |\n");
        }
        md.append('\n');
      }
      if (!spec.passThroughPrefixes().isEmpty()) {
        md.append("Keys under ").append(spec.passThroughPrefixes().stream()
            .map(p -> "`" + p + "*`").collect(Collectors.joining(", ")))
            .append(" are passed on as they are")
            .append(spec.subKeys().isEmpty() ? "" : "; under " + spec.subKeys().keySet().stream()
                .map(p -> "`" + p + "`").collect(Collectors.joining(", "))
                + " the library must know each key and accept its value")
            .append(".\n\n");
      }
    }
    return md.toString();
  }

  private static String keyCell(Setting<?> setting, ComponentSpec spec) {
    String cell = "`" + setting.key() + "`";
    List<String> current = setting.aliases().stream()
        .filter(a -> !setting.deprecatedAliases().contains(a)).toList();
    if (!current.isEmpty()) {
      cell += " (also " + current.stream().map(a -> "`" + a + "`")
          .collect(Collectors.joining(", ")) + ")";
    }
    if (!setting.deprecatedAliases().isEmpty()) {
      cell += " (deprecated: " + setting.deprecatedAliases().stream().map(a -> "`" + a + "`")
          .collect(Collectors.joining(", ")) + ")";
    }
    if (setting == spec.batchSize()) {
      cell += " — batch";
    }
    return cell;
  }

  private static String defaultCell(Setting<?> setting) {
    if (setting.isRequired()) {
      return "required, e.g. `" + escape(setting.example().orElse("")) + "`";
    }
    String shown = setting.defaultDoc();
    return shown.isEmpty() ? "—" : "`" + escape(shown) + "`";
  }

  private static String rules(Setting<?> setting) {
    return setting.checks().stream().map(Check::doc).map(ComponentDocs::escape)
        .collect(Collectors.joining("; "));
  }

  private static String escape(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  /** The generated part of a docs file, or null when it has no markers. */
  public static String inFile(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    return begin < 0 || end < begin ? null : text.substring(begin + BEGIN.length() + 1, end);
  }

  /** Replaces the generated part of a docs file with {@code rendered}. */
  public static void update(Path file, String rendered) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new IllegalStateException(file + " has no lines " + BEGIN + " ... " + END);
    }
    Files.writeString(file, text.substring(0, begin + BEGIN.length() + 1) + rendered
        + text.substring(end), StandardCharsets.UTF_8);
  }
}
