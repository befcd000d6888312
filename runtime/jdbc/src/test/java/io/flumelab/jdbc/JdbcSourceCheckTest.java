package io.flumelab.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.flumelab.core.config.AgentConfigurations;
import io.flumelab.core.config.CheckReport;
import io.flumelab.core.config.Problem;
import org.junit.jupiter.api.Test;

/** What {@code flume-ng check} says about a jdbc source. */
class JdbcSourceCheckTest {

  private static final String HEAD = String.join("\n",
      "a1.sources = r1", "a1.channels = c1", "a1.sinks = k1",
      "a1.sources.r1.channels = c1", "a1.channels.c1.type = memory",
      "a1.sinks.k1.type = null", "a1.sinks.k1.channel = c1", "");

  private static CheckReport check(String... sourceLines) {
    return AgentConfigurations.check("job.conf", HEAD + String.join("\n", sourceLines) + "\n",
        "a1", AgentConfigurations.Options.defaults().withResourceChecks(false));
  }

  @Test
  void thePluginsOwnExampleRunsUnchanged() {
    CheckReport report = check("a1.sources.r1.type = org.keedio.flume.source.SQLSource",
        "a1.sources.r1.hibernate.connection.url = jdbc:mysql://hadoop102:3306/mysqlsource",
        "a1.sources.r1.hibernate.connection.user = root",
        "a1.sources.r1.hibernate.connection.password = 000000",
        "a1.sources.r1.hibernate.connection.autocommit = true",
        "a1.sources.r1.hibernate.dialect = org.hibernate.dialect.MySQL5Dialect",
        "a1.sources.r1.hibernate.connection.driver_class = com.mysql.jdbc.Driver",
        "a1.sources.r1.run.query.delay = 5000",
        "a1.sources.r1.status.file.path = /tmp/flume",
        "a1.sources.r1.status.file.name = sqlSource.status",
        "a1.sources.r1.start.from = 0",
        "a1.sources.r1.custom.query = select id, name from student where id > $@$ order by id asc",
        "a1.sources.r1.batch.size = 100", "a1.sources.r1.max.rows = 1000",
        "a1.sources.r1.delimiter.entry = |",
        "a1.sources.r1.hibernate.connection.provider_class = org.hibernate.connection.C3P0ConnectionProvider",
        "a1.sources.r1.hibernate.c3p0.min_size = 1");
    assertThat(report.problems()).isEmpty();
  }

  @Test
  void aTableThatIsNotANameIsRefusedAtItsLine() {
    CheckReport report = check("a1.sources.r1.type = jdbc",
        "a1.sources.r1.connection.url = jdbc:mariadb://hadoop102:3306/mysqlsource",
        "a1.sources.r1.status.file.name = r1.status",
        "a1.sources.r1.table = t; DROP TABLE x");
    assertThat(report.errors()).singleElement().satisfies(p -> {
      assertThat(p.key()).isEqualTo("a1.sources.r1.table");
      assertThat(p.line()).isEqualTo(11);
      assertThat(p.message()).contains("'t; DROP TABLE x' is not a table name");
    });
  }

  @Test
  void aSecondStatementInACustomQueryAndExpressionsInColumnsAreRefused() {
    CheckReport report = check("a1.sources.r1.type = jdbc",
        "a1.sources.r1.connection.url = jdbc:mariadb://hadoop102:3306/mysqlsource",
        "a1.sources.r1.status.file.name = r1.status",
        "a1.sources.r1.table = student",
        "a1.sources.r1.columns.to.select = id, (select password from mysql.user)",
        "a1.sources.r1.custom.query = SELECT id FROM t WHERE id > $@$; DROP TABLE t");
    assertThat(report.errors()).extracting(Problem::key).containsExactlyInAnyOrder(
        "a1.sources.r1.columns.to.select", "a1.sources.r1.custom.query");
  }

  @Test
  void theIncrementalColumnMustBeSelected() {
    CheckReport report = check("a1.sources.r1.type = jdbc",
        "a1.sources.r1.connection.url = jdbc:mariadb://hadoop102:3306/mysqlsource",
        "a1.sources.r1.status.file.name = r1.status", "a1.sources.r1.table = student",
        "a1.sources.r1.columns.to.select = name", "a1.sources.r1.incremental.column.name = id");
    assertThat(report.errors()).singleElement().satisfies(p ->
        assertThat(p.message()).contains("leaves out incremental.column.name (id)"));
  }

  @Test
  void thePasswordIsNeverShown() {
    CheckReport report = check("a1.sources.r1.type = jdbc",
        "a1.sources.r1.hibernate.connection.url = mysql://hadoop102/db?password=pw-in-url",
        "a1.sources.r1.hibernate.connection.password = Pa55-word",
        "a1.sources.r1.password = Pa55-word",
        "a1.sources.r1.max.rows = lots");
    String rendered = String.join("\n", report.problems().stream().map(Problem::render).toList());
    assertThat(report.errors()).isNotEmpty();
    assertThat(rendered).doesNotContain("Pa55-word").doesNotContain("pw-in-url");
  }
}
