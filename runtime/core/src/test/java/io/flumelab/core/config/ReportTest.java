package io.flumelab.core.config;

import static io.flumelab.core.config.ConfigTesting.FILE;
import static io.flumelab.core.config.ConfigTesting.STRICT;
import static io.flumelab.core.config.ConfigTesting.known;
import static io.flumelab.core.spi.ComponentKind.SINK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReportTest {

  @Test
  void loadThrowsWithEveryProblemAndACount() {
    String config = MalformedConfigTest.lab01()
        .replace("type = logger", "type = loger")
        .replace("capacity = 1000", "capacity = 1k")
        + "a1.channels.c1.transactionCapacity = 10\n";
    InvalidConfigFileException e = catchThrowableOfType(InvalidConfigFileException.class,
        () -> AgentConfigurations.load(FILE, config, "a1", STRICT));

    assertThat(e.getMessage()).isEqualTo("""
        jobs/x.conf:7: a1.sinks.k1.type: unknown sink type 'loger'. Did you mean 'logger'? %s
        jobs/x.conf:9: a1.channels.c1.capacity: '1k' is not a whole number. Units are not understood; write it in full: 1000.
        jobs/x.conf:13: warning: a1.channels.c1.transactionCapacity: set twice; this value replaces the one on line 10. Remove the line you do not mean.
        2 problems and 1 warning in jobs/x.conf; the agent was not started.""".formatted(known(SINK)));
    assertThat(e.getErrors()).extracting(Problem::line).containsExactly(7, 9);
    assertThat(e.getProblems()).hasSize(3);
    assertThat(e.getFile()).isEqualTo(FILE);
  }

  @Test
  void checkReportSaysTheAgentWouldNotStart() {
    CheckReport report = AgentConfigurations.check(FILE,
        MalformedConfigTest.lab01().replace("type = logger", "type = loger"), "a1", STRICT);

    assertThat(report.ok()).isFalse();
    assertThat(report.summary()).isNull();
    assertThat(report.render()).endsWith("\n1 problem in jobs/x.conf; the agent would not start.");
  }

  @Test
  void missingFile() {
    CheckReport report = AgentConfigurations.check(Path.of("jobs/missing.conf"), "a1", STRICT);

    assertThat(report.errors()).map(Problem::render)
        .containsExactly("jobs/missing.conf: no such file. Check the path given with -f (--conf-file).");
  }

  @Test
  void problemRendering() {
    assertThat(Problem.error("f.conf", 3, "a1.x", "bad", null).render()).isEqualTo("f.conf:3: a1.x: bad");
    assertThat(Problem.warning("f.conf", 0, null, "odd", "Fix it.").render()).isEqualTo("f.conf: warning: odd. Fix it.");
  }
}
