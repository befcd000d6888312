package io.flumelab.grading;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The class's {@code report.html}, one self-contained page: a table of every student's points
 * per lab, then a section per student with the tests they lost, each with its message, and the
 * diff of their files against the starter's.
 */
final class HtmlReport {

  private static final String STYLE = """
      body{font-family:sans-serif;margin:2em;color:#222}
      table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}
      td:first-child,th:first-child{text-align:left}
      .full{background:#e6f4ea}.none{background:#fce8e6}
      section{border-top:2px solid #888;margin-top:2em}
      .failed li{margin-bottom:.5em}.reason{font-family:monospace;white-space:pre-wrap;color:#a50e0e}
      pre.diff{background:#f6f8fa;padding:8px;overflow-x:auto}
      .add{color:#116329;background:#dafbe1}.del{color:#82071e;background:#ffebe9}.hunk{color:#0550ae}
      .note{color:#8a4b00}
      """;

  private HtmlReport() {}

  static void write(Path file, List<String> labs, List<StudentGrade> students, Path checkout,
      Path out) throws IOException {
    StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head>"
        + "<meta charset=\"utf-8\"><title>FlumeLab grades</title><style>" + STYLE
        + "</style></head><body>\n<h1>FlumeLab grades</h1>\n<table id=\"gradebook\"><tr><th>student</th>");
    labs.forEach(lab -> html.append("<th>").append(escape(lab)).append("</th>"));
    html.append("<th>total</th></tr>\n");
    for (StudentGrade student : students) {
      html.append("<tr><td><a href=\"#").append(anchor(student)).append("\">")
          .append(escape(student.student())).append("</a></td>");
      for (String lab : labs) {
        LabGrade grade = gradeOf(student, lab);
        html.append(cell(grade.earned(), grade.points()));
      }
      html.append(cell(student.earned(), student.points())).append("</tr>\n");
    }
    html.append("</table>\n");
    for (StudentGrade student : students) {
      section(html, student, checkout, out);
    }
    html.append("</body></html>\n");
    Files.writeString(file, html, StandardCharsets.UTF_8);
  }

  private static void section(StringBuilder html, StudentGrade student, Path checkout, Path out)
      throws IOException {
    html.append("<section class=\"student\" id=\"").append(anchor(student)).append("\">\n<h2>")
        .append(escape(student.student())).append(": ").append(student.earned()).append('/')
        .append(student.points()).append("</h2>\n");
    for (String note : student.notes()) {
      html.append("<p class=\"note\">").append(escape(note)).append("</p>\n");
    }
    for (LabGrade lab : student.labs()) {
      html.append("<h3>").append(escape(lab.lab())).append(": ").append(lab.earned()).append('/')
          .append(lab.points()).append("</h3>\n");
      List<TestGrade> lost = lab.tests().stream()
          .filter(test -> !test.passed() || test.reason().startsWith(Repeats.FLAKY)).toList();
      if (!lost.isEmpty()) {
        html.append("<ul class=\"failed\">\n");
        for (TestGrade test : lost) {
          html.append("<li><b>").append(escape(test.name())).append("</b> (")
              .append(test.points()).append(test.hidden() ? " points, hidden" : " points")
              .append(test.passed() ? ", earned" : "")
              .append(")<div class=\"reason\">").append(escape(test.reason()))
              .append("</div></li>\n");
        }
        html.append("</ul>\n");
      }
      Path graded = out.resolve("work").resolve(student.fileName()).resolve("labs")
          .resolve(lab.lab());
      if (Files.isDirectory(graded)) {
        String diff = StarterDiff.of(checkout.resolve("labs").resolve(lab.lab()), graded);
        html.append("<details><summary>changes against the starter files</summary>");
        html.append(diff.isEmpty() ? "<p>none: the starter files as handed out</p>"
            : "<pre class=\"diff\">" + colored(diff) + "</pre>");
        html.append("</details>\n");
      }
    }
    html.append("</section>\n");
  }

  private static String colored(String diff) {
    StringBuilder out = new StringBuilder();
    for (String line : StarterDiff.lines(diff)) {
      String css = line.startsWith("+++") || line.startsWith("---") ? null
          : line.startsWith("+") ? "add" : line.startsWith("-") ? "del"
          : line.startsWith("@@") ? "hunk" : null;
      out.append(css == null ? escape(line)
          : "<span class=\"" + css + "\">" + escape(line) + "</span>").append('\n');
    }
    return out.toString();
  }

  private static String cell(int earned, int points) {
    String css = earned == points ? " class=\"full\"" : earned == 0 ? " class=\"none\"" : "";
    return "<td" + css + ">" + earned + "/" + points + "</td>";
  }

  private static LabGrade gradeOf(StudentGrade student, String lab) {
    return student.labs().stream().filter(grade -> grade.lab().equals(lab)).findFirst()
        .orElseThrow();
  }

  static String anchor(StudentGrade student) {
    return "student-" + Integer.toHexString(student.fileName().hashCode());
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
