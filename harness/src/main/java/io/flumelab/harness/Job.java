package io.flumelab.harness;

import io.flumelab.core.config.AgentConfigurations;
import io.flumelab.core.config.AgentModel;
import io.flumelab.core.config.CheckReport;
import io.flumelab.core.config.ComponentRegistry;
import io.flumelab.core.config.Problem;
import io.flumelab.core.spi.ComponentKind;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One agent of a job file, as the runtime parses it: its sources, channels, sinks and sink groups
 * with their types, bindings and settings. Lab tests judge a configuration through this model —
 * what flows where, with which types and settings — never through the names or the order a
 * reference answer happened to use, nor through {@code flume-ng check}'s wording.
 *
 * <pre>{@code
 * Job job = Job.read(Lab.file("jobs/flume-1.conf"), "a1");
 * Job.Component exec = job.onlySource("exec");
 * assertThat(job.sinksFedBy(exec)).extracting(Job.Component::type).containsOnly("avro");
 * }</pre>
 */
public final class Job {

  /** A source, channel, sink, sink group, interceptor or selector, with its own settings. */
  public record Component(String name, String type, Map<String, String> settings) {

    /** A setting's value, trimmed, or null. */
    public String setting(String key) {
      String value = settings.get(key);
      return value == null ? null : value.trim();
    }

    /** A setting's value split on whitespace, as Flume splits lists; empty when unset. */
    public List<String> list(String key) {
      String value = setting(key);
      return value == null || value.isEmpty() ? List.of() : List.of(value.split("\\s+"));
    }

    /**
     * A number setting as Flume reads it ({@code Long.parseLong} of the trimmed value), or
     * {@code defaultValue} when unset; fails, naming the key and value, when it is not a number.
     */
    public long number(String key, long defaultValue) {
      String value = setting(key);
      if (value == null || value.isEmpty()) {
        return defaultValue;
      }
      try {
        return Long.parseLong(value);
      } catch (NumberFormatException e) {
        throw new AssertionError(this + ": " + key + " = '" + value + "' is not a number");
      }
    }

    /**
     * A boolean setting as Flume reads it ({@code Boolean.parseBoolean}: {@code true} in any case
     * is true, anything else false), or {@code defaultValue} when unset.
     */
    public boolean flag(String key, boolean defaultValue) {
      String value = setting(key);
      return value == null || value.isEmpty() ? defaultValue : Boolean.parseBoolean(value);
    }

    /** The host and port two settings give: {@code bind} or {@code hostname}, and {@code port}. */
    public Address address(String hostKey, String portKey) {
      return new Address(setting(hostKey), (int) number(portKey, -1));
    }

    /** Whether the type is {@code type}, ignoring case as Flume does for aliases. */
    public boolean is(String type) {
      return this.type != null && this.type.equalsIgnoreCase(type);
    }

    /** The settings under a prefix, prefix removed, in file order. */
    public Map<String, String> under(String prefix) {
      Map<String, String> sub = new LinkedHashMap<>();
      settings.forEach((key, value) -> {
        if (key.startsWith(prefix)) {
          sub.put(key.substring(prefix.length()), value);
        }
      });
      return sub;
    }

    @Override
    public String toString() {
      return name + " (" + type + ")";
    }
  }

  /**
   * A host and port a source listens on or a sink sends to. Two addresses are the same when their
   * ports are and their hosts name one machine: names are resolved, so {@code hadoop105} and
   * {@code 127.0.1.105} (the course's hosts file) or {@code localhost} and {@code 127.0.0.1} match.
   */
  public record Address(String host, int port) {

    /** Whether this is {@code host:port}, resolving names. */
    public boolean is(String otherHost, int otherPort) {
      return port == otherPort && sameHost(host, otherHost);
    }

    /** Whether a listener here accepts connections to {@code host:port}: the same, or 0.0.0.0. */
    public boolean accepts(String otherHost, int otherPort) {
      return port == otherPort && (isWildcard() || sameHost(host, otherHost));
    }

    /** Listens on every address of the machine. */
    public boolean isWildcard() {
      return "0.0.0.0".equals(host) || "::".equals(host);
    }

    private static boolean sameHost(String a, String b) {
      if (a == null || b == null) {
        return false;
      }
      if (a.equalsIgnoreCase(b)) {
        return true;
      }
      Set<InetAddress> resolved = resolve(a);
      resolved.retainAll(resolve(b));
      return !resolved.isEmpty();
    }

    private static Set<InetAddress> resolve(String host) {
      try {
        return new HashSet<>(Arrays.asList(InetAddress.getAllByName(host)));
      } catch (UnknownHostException e) {
        return new HashSet<>();
      }
    }

    @Override
    public String toString() {
      return host + ":" + (port < 0 ? "(no port)" : port);
    }
  }

  private static final ComponentRegistry REGISTRY =
      ComponentRegistry.load(Job.class.getClassLoader());

  private final Path file;
  private final CheckReport report;
  private final AgentModel model;

  private Job(Path file, CheckReport report) {
    this.file = file;
    this.report = report;
    this.model = report.model();
  }

  /** Reads agent {@code agent} of a job file; fails if the file cannot be read or parsed. */
  public static Job read(Path file, String agent) {
    return read(file, agent, Map.of());
  }

  /** The same, with values for the file's {@code ${NAME}} references. */
  public static Job read(Path file, String agent, Map<String, String> variables) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putAll(variables);
    // the file is judged, not the machine: a test reads a job before it creates the spooling
    // directory or frees the port the job's agent will use
    CheckReport report = AgentConfigurations.check(file, agent,
        AgentConfigurations.Options.defaults().withEnv(env).withResourceChecks(false));
    if (report.model() == null) {
      throw new AssertionError("Cannot read agent " + agent + " of " + file + ":\n"
          + report.render());
    }
    return new Job(file, report);
  }

  /** The problems {@code flume-ng check} would report, rendered; empty when there are none. */
  public List<String> errors() {
    return report.errors().stream().map(Problem::render).toList();
  }

  public List<String> warnings() {
    return report.warnings().stream().map(Problem::render).toList();
  }

  public List<Component> sources() {
    return convert(model.sources());
  }

  public List<Component> channels() {
    return convert(model.channels());
  }

  public List<Component> sinks() {
    return convert(model.sinks());
  }

  public List<Component> sinkGroups() {
    return convert(model.sinkGroups());
  }

  public List<Component> sourcesOfType(String type) {
    return sources().stream().filter(c -> c.is(type)).toList();
  }

  public List<Component> sinksOfType(String type) {
    return sinks().stream().filter(c -> c.is(type)).toList();
  }

  /** The one source of this type; fails, saying what there is, if there is none or several. */
  public Component onlySource(String type) {
    return only("source", type, sourcesOfType(type), sources());
  }

  /** The one sink of this type; fails, saying what there is, if there is none or several. */
  public Component onlySink(String type) {
    return only("sink", type, sinksOfType(type), sinks());
  }

  /** The channels a source writes to, in its list's order. */
  public List<Component> channelsOf(Component source) {
    return source.list("channels").stream().map(this::channel).flatMap(Optional::stream).toList();
  }

  /** The channel a sink drains, if it names a declared one. */
  public Optional<Component> channelOf(Component sink) {
    return sink.list("channel").stream().findFirst().flatMap(this::channel);
  }

  /** The sinks that drain a channel. */
  public List<Component> sinksOf(Component channel) {
    return sinks().stream()
        .filter(sink -> channelOf(sink).map(c -> c.name().equals(channel.name())).orElse(false))
        .toList();
  }

  /** Every sink that gets events from a source, through any of its channels. */
  public List<Component> sinksFedBy(Component source) {
    return channelsOf(source).stream().flatMap(channel -> sinksOf(channel).stream()).distinct()
        .toList();
  }

  /**
   * The source's channel selector: its type as registered ({@code replicating} when unset, an alias
   * for Flume's class name) and settings.
   */
  public Component selectorOf(Component source) {
    Map<String, String> settings = source.under("selector.");
    String type = settings.getOrDefault("type", "replicating").trim();
    return new Component("selector", alias(ComponentKind.SELECTOR, type), settings);
  }

  /** The source's interceptors, in the order its {@code interceptors} list gives. */
  public List<Component> interceptorsOf(Component source) {
    return source.list("interceptors").stream().map(name -> {
      Map<String, String> settings = source.under("interceptors." + name + ".");
      String type = settings.get("type");
      return new Component(name,
          type == null ? null : alias(ComponentKind.INTERCEPTOR, type.trim()), settings);
    }).toList();
  }

  /** The sink group a sink belongs to, if any. */
  public Optional<Component> groupOf(Component sink) {
    return sinkGroups().stream().filter(g -> g.list("sinks").contains(sink.name())).findFirst();
  }

  /**
   * A sink group's processor: its type as registered ({@code default} when unset, an alias for
   * Flume's class name) and settings.
   */
  public Component processorOf(Component group) {
    Map<String, String> settings = group.under("processor.");
    String type = settings.getOrDefault("type", "default").trim();
    return new Component("processor", alias(ComponentKind.SINK_PROCESSOR, type), settings);
  }

  /** The group's sinks, in its list's order. */
  public List<Component> sinksOfGroup(Component group) {
    return group.list("sinks").stream()
        .map(name -> sinks().stream().filter(s -> s.name().equals(name)).findFirst())
        .flatMap(Optional::stream).toList();
  }

  /**
   * The sink of type {@code sinkType} that drains a channel of the one source of type
   * {@code sourceType}: the task's path through the agent. Fails, saying what the agent declares
   * and how it is wired, when there is no such path or it is not unique, or when the channel is not
   * of type {@code channelType}.
   */
  public Component assertFlow(String sourceType, String channelType, String sinkType) {
    Component sink = assertFlow(sourceType, sinkType);
    Component channel = channelOf(sink).orElseThrow();
    if (!channel.is(channelType)) {
      throw new AssertionError("In " + describeFile() + ", the " + sourceType + " source reaches "
          + sink.name() + " through channel " + channel + "; the task asks for a " + channelType
          + " channel");
    }
    return sink;
  }

  /** The same, through a channel of any type. */
  public Component assertFlow(String sourceType, String sinkType) {
    Component source = onlySource(sourceType);
    List<Component> reached = sinksFedBy(source).stream().filter(s -> s.is(sinkType)).toList();
    if (reached.size() != 1) {
      throw new AssertionError("In " + describeFile() + ", the " + sourceType + " source "
          + source.name() + " should feed one " + sinkType + " sink through a channel, but it "
          + "feeds " + (reached.isEmpty() ? "none" : reached) + ". Its channels: "
          + channelsOf(source) + "; " + wiring());
    }
    return reached.get(0);
  }

  /** Which channel each sink drains, for messages: {@code k1 (logger) <- c1, k2 (avro) <- none}. */
  public String wiring() {
    return "sinks drain " + sinks().stream()
        .map(sink -> sink + " <- " + channelOf(sink).map(Component::name).orElse("no channel"))
        .collect(Collectors.joining(", "));
  }

  public Path file() {
    return file;
  }

  /** What the file declares, one line, for assertion messages. */
  public String describe() {
    return "agent " + model.name() + " of " + file.getFileName() + ": sources " + sources()
        + ", channels " + channels() + ", sinks " + sinks()
        + (sinkGroups().isEmpty() ? "" : ", sink groups " + sinkGroups());
  }

  private String describeFile() {
    return "agent " + model.name() + " of " + file.getFileName();
  }

  private Optional<Component> channel(String name) {
    return channels().stream().filter(c -> c.name().equals(name)).findFirst();
  }

  private Component only(String kind, String type, List<Component> matching, List<Component> all) {
    if (matching.size() != 1) {
      throw new AssertionError("Agent " + model.name() + " in " + file + " should have one " + type
          + " " + kind + ", but has " + (matching.isEmpty() ? "none" : matching) + " (its " + kind
          + "s: " + all + ")");
    }
    return matching.get(0);
  }

  /** A registered type's alias in any spelling (Flume's class name too), else as written. */
  private static String alias(ComponentKind kind, String type) {
    return REGISTRY.find(kind, type).map(spec -> spec.alias()).orElse(type);
  }

  private static List<Component> convert(List<AgentModel.Component> components) {
    return components.stream().map(c -> new Component(c.name(), c.type(), c.settings())).toList();
  }
}
