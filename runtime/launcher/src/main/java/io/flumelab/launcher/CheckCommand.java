package io.flumelab.launcher;

import io.flumelab.core.config.AgentConfigurations;
import io.flumelab.core.config.CheckReport;
import io.flumelab.core.config.ConfigFiles;
import io.flumelab.core.config.Problem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flume-ng check}: validates a configuration without starting anything, prints every
 * problem (or OK and a summary), and exits 0 or 1. Students and graders use it.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Checks a configuration file without starting anything; exits 1 if the agent would not start.")
final class CheckCommand implements Callable<Integer> {

  @Option(names = {"-f", "--conf-file"}, required = true, paramLabel = "FILE",
      description = "The configuration file.")
  Path configFile;

  @Option(names = {"-n", "--name"}, paramLabel = "NAME",
      description = "The agent to check; by default every agent the file configures.")
  String agentName;

  @Option(names = {"-c", "--conf"}, paramLabel = "DIR", description = "Accepted for symmetry with 'agent'.")
  Path confDir;

  @Option(names = "-D", paramLabel = "KEY=VALUE", mapFallbackValue = "",
      description = "A system property.")
  Map<String, String> systemProperties;

  @Option(names = "--lenient", description = "Check as 'agent --lenient' would run.")
  boolean lenient;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    ConfigFiles.Refusal refusal = ConfigFiles.refusal(configFile);
    if (refusal != null) {
      out.println(refusal.render(configFile));
      out.flush();
      return ExitCodes.INVALID_CONFIG;
    }
    List<String> agents = agentName != null ? List.of(agentName) : AgentNames.in(configFile);
    if (agents.isEmpty()) {
      out.println(configFile + ": no agent is configured in this file (expected keys such as "
          + "a1.sources = r1). Check the path, or name the agent with -n.");
      return ExitCodes.INVALID_CONFIG;
    }
    // -D such as -Dflume.monitoring.port, whose port is checked too
    AgentConfigurations.Options options = AgentConfigurations.Options.defaults().withLenient(lenient)
        .withSystemPropertiesSetOver(systemProperties);
    boolean ok = true;
    for (String agent : agents) {
      ok &= print(AgentConfigurations.check(configFile, agent, options), out);
    }
    out.flush();
    return ok ? ExitCodes.OK : ExitCodes.INVALID_CONFIG;
  }

  private static boolean print(CheckReport report, PrintWriter out) {
    report.problems().stream().map(Problem::render).forEach(out::println);
    if (report.ok()) {
      out.println("OK " + report.summary());
    } else {
      int errors = report.errors().size();
      out.println(errors + (errors == 1 ? " problem" : " problems") + " in " + report.file()
          + " for agent " + report.agentName() + "; it would not start.");
    }
    return report.ok();
  }
}
