package io.flumelab.core.config;

import io.flumelab.core.config.ComponentRef.Role;
import io.flumelab.core.config.Findings.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads one agent's configuration from a Flume properties file and turns it into wired, unstarted
 * components, after collecting every problem the file has. The entry points of the configuration
 * package: {@link #load} for running an agent, {@link #check} for {@code flume-ng check}.
 */
public final class AgentConfigurations {

  /**
   * @param lenient Flume's behaviour: leave out invalid components (and what depends on them)
   *     with warnings, and run the rest
   * @param env what {@code ${VAR}} and {@code ${env:VAR}} read
   * @param systemProperties what {@code ${VAR}} (after the environment) and {@code ${sys:VAR}} read
   * @param classLoader loads component classes; null for the thread's context class loader
   * @param registry the known component types; null for the catalogs the class loader finds
   */
  public record Options(boolean lenient, Map<String, String> env, Map<String, String> systemProperties,
      ClassLoader classLoader, ComponentRegistry registry) {

    public Options {
      env = Map.copyOf(env);
      systemProperties = Map.copyOf(systemProperties);
    }

    /** Strict, with this process's environment and system properties. */
    public static Options defaults() {
      Map<String, String> system = new java.util.HashMap<>();
      System.getProperties().forEach((k, v) -> system.put(String.valueOf(k), String.valueOf(v)));
      return new Options(false, System.getenv(), system, null, null);
    }

    public Options withLenient(boolean value) {
      return new Options(value, env, systemProperties, classLoader, registry);
    }

    public Options withEnv(Map<String, String> value) {
      return new Options(lenient, value, systemProperties, classLoader, registry);
    }

    public Options withSystemProperties(Map<String, String> value) {
      return new Options(lenient, env, value, classLoader, registry);
    }

    public Options withClassLoader(ClassLoader value) {
      return new Options(lenient, env, systemProperties, value, registry);
    }

    public Options withRegistry(ComponentRegistry value) {
      return new Options(lenient, env, systemProperties, classLoader, value);
    }
  }

  private record Outcome(CheckReport report, Topology topology) {}

  private AgentConfigurations() {}

  /**
   * The agent's components, ready to start.
   *
   * @throws InvalidConfigFileException with every problem, if the configuration cannot run
   */
  public static Topology load(Path file, String agentName, Options options) {
    return topologyOf(run(file.toString(), read(file), agentName, options));
  }

  /** As {@link #load(Path, String, Options)}, from text; {@code fileName} is used in messages. */
  public static Topology load(String fileName, String text, String agentName, Options options) {
    return topologyOf(run(fileName, text, agentName, options));
  }

  /** Every problem and warning, and the summary; creates and configures components, starts none. */
  public static CheckReport check(Path file, String agentName, Options options) {
    return run(file.toString(), read(file), agentName, options).report();
  }

  public static CheckReport check(String fileName, String text, String agentName, Options options) {
    return run(fileName, text, agentName, options).report();
  }

  private static Topology topologyOf(Outcome outcome) {
    CheckReport report = outcome.report();
    if (!report.ok()) {
      throw new InvalidConfigFileException(report.file(), report.problems());
    }
    Topology t = outcome.topology();
    return new Topology(t.agentName(), t.channels(), t.sources(), t.sinkRunners(), t.components(),
        t.summary(), report.warnings());
  }

  /** The file's text, or null when it cannot be read (reported by {@link #run}). */
  private static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
  }

  private static Outcome run(String file, String text, String agentName, Options options) {
    Objects.requireNonNull(agentName, "agentName");
    Findings findings = new Findings(file);
    if (text == null) {
      findings.fatal(0, null, unreadable(Path.of(file)), "Check the path given with --conf-file.");
      return new Outcome(new CheckReport(file, agentName, finalProblems(findings, false), null, null),
          null);
    }
    ClassLoader loader = classLoader(options);
    ComponentRegistry registry = options.registry() != null ? options.registry() : ComponentRegistry.load(loader);
    TypeResolver resolver = new TypeResolver(registry, loader);

    AgentConfig config = AgentConfigParser.parse(text, agentName, options.env(), options.systemProperties(), findings);
    Topology topology = null;
    if (config != null) {
      ConfigChecker.check(config, resolver, findings);
      // strict mode checks the valid rest too, so one run reports every problem
      Findings explain = options.lenient() ? findings : null;
      AgentConfig runnable = Pruner.prune(config, findings.invalidComponents(), explain);
      while (true) {
        Findings assembly = new Findings(file);
        topology = Assembler.assemble(runnable, resolver, assembly);
        findings.addAll(assembly);
        if (!options.lenient() || assembly.invalidComponents().isEmpty()) {
          break;
        }
        runnable = Pruner.prune(runnable, assembly.invalidComponents(), findings);
      }
      if (options.lenient()) {
        requireSomethingToRun(runnable, findings);
      }
    }
    List<Problem> problems = finalProblems(findings, options.lenient());
    boolean ok = problems.stream().noneMatch(Problem::isError);
    String summary = ok ? topology.summary() : null;
    AgentModel model = config == null ? null : AgentModel.of(config, resolver);
    return new Outcome(new CheckReport(file, agentName, problems, summary, model),
        ok ? topology : null);
  }

  /** Lenient mode still needs a channel, and a source or a sink, like Flume. */
  private static void requireSomethingToRun(AgentConfig config, Findings findings) {
    if (config.all(Role.CHANNEL).isEmpty()
        || config.all(Role.SOURCE).isEmpty() && config.all(Role.SINK).isEmpty()) {
      findings.fatal(0, null, "nothing is left to run for agent '" + config.agentName() + "'",
          "Lenient mode leaves out invalid components; at least one channel and one source or sink must be valid.");
    }
  }

  /** In lenient mode every problem but a fatal one becomes a warning saying what was left out. */
  private static List<Problem> finalProblems(Findings findings, boolean lenient) {
    List<Problem> problems = new ArrayList<>();
    for (Finding finding : findings.all()) {
      Problem problem = finding.problem();
      if (lenient && problem.isError() && !finding.fatal()) {
        String note = finding.dropsSubject() && finding.subject() != null
            ? capitalize(finding.subject().describe()) + " is left out." : null;
        problem = problem.downgraded(note);
      }
      problems.add(problem);
    }
    return problems;
  }

  private static String unreadable(Path file) {
    if (!Files.exists(file)) {
      return "no such file";
    }
    return Files.isReadable(file) ? "cannot read the file" : "permission denied";
  }

  private static ClassLoader classLoader(Options options) {
    if (options.classLoader() != null) {
      return options.classLoader();
    }
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : AgentConfigurations.class.getClassLoader();
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
