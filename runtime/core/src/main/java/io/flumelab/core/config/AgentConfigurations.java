package io.flumelab.core.config;

import io.flumelab.core.config.ComponentRef.Role;
import io.flumelab.core.config.Findings.Finding;
import io.flumelab.core.plugin.Plugins;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
   * @param resourceChecks whether to check what the file asks of this machine: bind addresses,
   *     free ports (bound for a moment), spooling directories, the monitoring port
   * @param plugins the plugin class loaders to take component classes from; null to open those
   *     that {@code flumelab.plugins.path} and {@code flumelab.compat.path} among
   *     {@code systemProperties} name ({@code check} closes what it opened). A loaded topology
   *     carries them, and its {@link io.flumelab.core.agent.Agent} closes them after it stopped
   */
  public record Options(boolean lenient, Map<String, String> env, Map<String, String> systemProperties,
      ClassLoader classLoader, ComponentRegistry registry, boolean resourceChecks, Plugins plugins) {

    public Options {
      env = Map.copyOf(env);
      systemProperties = Map.copyOf(systemProperties);
    }

    /** Strict, with this process's environment and system properties, checking resources. */
    public static Options defaults() {
      Map<String, String> system = new java.util.HashMap<>();
      System.getProperties().forEach((k, v) -> system.put(String.valueOf(k), String.valueOf(v)));
      return new Options(false, System.getenv(), system, null, null, true, null);
    }

    public Options withLenient(boolean value) {
      return new Options(value, env, systemProperties, classLoader, registry, resourceChecks, plugins);
    }

    public Options withEnv(Map<String, String> value) {
      return new Options(lenient, value, systemProperties, classLoader, registry, resourceChecks, plugins);
    }

    public Options withSystemProperties(Map<String, String> value) {
      return new Options(lenient, env, value, classLoader, registry, resourceChecks, plugins);
    }

    /**
     * These options with {@code overrides} set over their system properties, as {@code -D} on a
     * command line does; null (no {@code -D} given) leaves them as they are.
     */
    public Options withSystemPropertiesSetOver(Map<String, String> overrides) {
      if (overrides == null) {
        return this;
      }
      Map<String, String> merged = new LinkedHashMap<>(systemProperties);
      merged.putAll(overrides);
      return withSystemProperties(merged);
    }

    public Options withClassLoader(ClassLoader value) {
      return new Options(lenient, env, systemProperties, value, registry, resourceChecks, plugins);
    }

    public Options withRegistry(ComponentRegistry value) {
      return new Options(lenient, env, systemProperties, classLoader, value, resourceChecks, plugins);
    }

    public Options withResourceChecks(boolean value) {
      return new Options(lenient, env, systemProperties, classLoader, registry, value, plugins);
    }

    public Options withPlugins(Plugins value) {
      return new Options(lenient, env, systemProperties, classLoader, registry, resourceChecks, value);
    }
  }

  /** What the configuration is read for: what a resource problem means depends on it. */
  private enum Purpose { CHECK, START }

  private record Outcome(CheckReport report, Topology topology) {}

  private AgentConfigurations() {}

  /**
   * The agent's components, ready to start.
   *
   * @throws InvalidConfigFileException with every problem, if the configuration cannot run
   */
  public static Topology load(Path file, String agentName, Options options) {
    return load(file.toString(), read(file), agentName, options);
  }

  /** As {@link #load(Path, String, Options)}, from text; {@code fileName} is used in messages. */
  public static Topology load(String fileName, String text, String agentName, Options options) {
    return load(fileName, new FileText(text, null), agentName, options);
  }

  private static Topology load(String fileName, FileText text, String agentName, Options options) {
    Plugins plugins = plugins(options);
    Outcome outcome;
    try {
      outcome = run(fileName, text, agentName, options, plugins, Purpose.START);
    } catch (RuntimeException | Error e) {
      closeOwn(plugins, options);
      throw e;
    }
    if (!outcome.report().ok()) {
      closeOwn(plugins, options);
    }
    return topologyOf(outcome);
  }

  /** Every problem and warning, and the summary; creates and configures components, starts none. */
  public static CheckReport check(Path file, String agentName, Options options) {
    return check(file.toString(), read(file), agentName, options);
  }

  public static CheckReport check(String fileName, String text, String agentName, Options options) {
    return check(fileName, new FileText(text, null), agentName, options);
  }

  private static CheckReport check(String fileName, FileText text, String agentName,
      Options options) {
    Plugins plugins = plugins(options);
    try {
      return run(fileName, text, agentName, options, plugins, Purpose.CHECK).report();
    } finally {
      closeOwn(plugins, options);
    }
  }

  /**
   * The agents a file configures (the names before {@code .sources}, {@code .channels},
   * {@code .sinks} and {@code .sinkgroups}), in file order.
   *
   * @throws InvalidConfigFileException when the file cannot be read
   */
  public static List<String> agentNames(Path file) {
    return List.copyOf(AgentConfigParser.agentNames(readOrThrow(file)));
  }

  /**
   * The agent as its file declares it, for tools that draw or judge a job rather than run it: the
   * file parsed as {@link #check} parses it and its types resolved, nothing checked, created or
   * started, so a file with faults is still drawn as written.
   *
   * @throws InvalidConfigFileException when the file cannot be read or has no keys for the agent
   *     (the problem names the agents the file does configure)
   */
  public static AgentModel declared(Path file, String agentName, Options options) {
    String text = readOrThrow(file);
    Findings findings = new Findings(file.toString());
    AgentConfig config = AgentConfigParser.parse(text, agentName, options.env(),
        options.systemProperties(), findings);
    if (config == null) {
      throw new InvalidConfigFileException(file.toString(), finalProblems(findings, false));
    }
    Plugins plugins = plugins(options);
    try {
      ClassLoader loader = classLoader(options);
      ComponentRegistry registry = options.registry() != null ? options.registry()
          : ComponentRegistry.load(loader);
      return AgentModel.of(config, new TypeResolver(registry, loader, plugins));
    } finally {
      closeOwn(plugins, options);
    }
  }

  private static String readOrThrow(Path file) {
    FileText read = read(file);
    if (read.refusal() != null) {
      throw new InvalidConfigFileException(file.toString(), List.of(Problem.error(file.toString(),
          0, null, read.refusal().message(), read.refusal().fix())));
    }
    return read.text();
  }

  private static Plugins plugins(Options options) {
    return options.plugins() != null ? options.plugins()
        : Plugins.open(options.systemProperties(), classLoader(options));
  }

  /** Closes plugin loaders opened for this call; those the caller gave are the caller's. */
  private static void closeOwn(Plugins plugins, Options options) {
    if (options.plugins() == null) {
      plugins.close();
    }
  }

  private static Topology topologyOf(Outcome outcome) {
    CheckReport report = outcome.report();
    if (!report.ok()) {
      throw new InvalidConfigFileException(report.file(), report.problems());
    }
    Topology t = outcome.topology();
    return new Topology(t.agentName(), t.channels(), t.sources(), t.sinkRunners(), t.components(),
        t.summary(), report.warnings(), t.plugins(), t.componentTypes());
  }

  /** A file's text, or why it was not read. */
  private record FileText(String text, ConfigFiles.Refusal refusal) {}

  private static FileText read(Path file) {
    try {
      return new FileText(ConfigFiles.read(file), null);
    } catch (ConfigFiles.RefusedException e) {
      return new FileText(null, e.refusal());
    }
  }

  private static Outcome run(String file, FileText read, String agentName, Options options,
      Plugins plugins, Purpose purpose) {
    Objects.requireNonNull(agentName, "agentName");
    Findings findings = new Findings(file);
    if (read.refusal() != null) {
      findings.fatal(0, null, read.refusal().message(), read.refusal().fix());
      return new Outcome(new CheckReport(file, agentName, finalProblems(findings, false), null, null),
          null);
    }
    String text = read.text();
    ClassLoader loader = classLoader(options);
    ComponentRegistry registry = options.registry() != null ? options.registry() : ComponentRegistry.load(loader);
    TypeResolver resolver = new TypeResolver(registry, loader, plugins);
    plugins.problems().forEach(problem -> findings.fatal(0, null, problem,
        "Replace or remove the jar; plugins.d/<name>/lib and libext hold jars only."));

    AgentConfig config = AgentConfigParser.parse(text, agentName, options.env(), options.systemProperties(), findings);
    Topology topology = null;
    if (config != null) {
      InlineComments.of(registry).check(text, agentName, findings);
      ConfigChecker.check(config, resolver, findings);
      HopChecker.check(config, agentsOfFile(file, text, config, options), resolver, findings);
      if (options.resourceChecks()) {
        ResourceChecker.check(config, resolver, options.systemProperties(),
            purpose == Purpose.START, findings);
      }
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

  /** Every agent the file configures, the checked one included: for the hops between them. */
  private static Map<String, AgentConfig> agentsOfFile(String file, String text, AgentConfig config,
      Options options) {
    Map<String, AgentConfig> agents = new LinkedHashMap<>();
    for (String name : AgentConfigParser.agentNames(text)) {
      // the other agents' own problems are theirs to report, when they are checked
      AgentConfig other = name.equals(config.agentName()) ? config : AgentConfigParser.parse(text,
          name, options.env(), options.systemProperties(), new Findings(file));
      if (other != null) {
        agents.put(name, other);
      }
    }
    agents.putIfAbsent(config.agentName(), config);
    return agents;
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
