package io.flumelab.core.config;

import io.flumelab.core.config.TypeResolver.Resolved;
import io.flumelab.core.spi.ComponentKind;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where an agent's sources listen and where its sinks send, read from the declared settings
 * without creating anything: a source whose type declares {@code bind} and {@code port} listens,
 * a sink whose type declares {@code hostname} and {@code port} sends (avro, and thrift if it
 * comes). Values that do not parse are left out; the key check reports them.
 */
final class Endpoints {

  static final String BIND = "bind";
  static final String PORT = "port";
  static final String HOSTNAME = "hostname";
  /** Source types that listen on UDP, whose ports do not collide with TCP's. */
  private static final Set<String> UDP_TYPES = Set.of("netcatudp", "syslogudp");

  /** A listening source. */
  record Listener(String agent, ComponentConfig source, String bind, int port, boolean udp) {

    Section section() {
      return source.section();
    }

    /** The line of the port key, else of the type: where a clash is reported. */
    int portLine() {
      return source.lineOf(PORT);
    }

    String where() {
      return bind + ":" + port + (udp ? " (udp)" : "");
    }
  }

  /** A sending sink. */
  record Target(String agent, ComponentConfig sink, String host, int port) {

    Section section() {
      return sink.section();
    }

    int hostLine() {
      return sink.lineOf(HOSTNAME);
    }
  }

  private Endpoints() {}

  static List<Listener> listeners(AgentConfig config, TypeResolver resolver) {
    List<Listener> listeners = new ArrayList<>();
    for (ComponentConfig source : config.sources()) {
      ComponentSpec spec = spec(resolver, ComponentKind.SOURCE, source.type());
      if (spec == null || spec.setting(BIND).isEmpty() || spec.setting(PORT).isEmpty()) {
        continue;
      }
      Optional<String> bind = string(spec.setting(BIND).get(), source.section());
      Optional<Integer> port = port(spec.setting(PORT).get(), source.section());
      if (bind.isPresent() && port.isPresent()) {
        listeners.add(new Listener(config.agentName(), source, bind.get(), port.get(),
            UDP_TYPES.contains(spec.alias())));
      }
    }
    return listeners;
  }

  static List<Target> targets(AgentConfig config, TypeResolver resolver) {
    List<Target> targets = new ArrayList<>();
    for (ComponentConfig sink : config.sinks()) {
      ComponentSpec spec = spec(resolver, ComponentKind.SINK, sink.type());
      if (spec == null || spec.setting(HOSTNAME).isEmpty() || spec.setting(PORT).isEmpty()) {
        continue;
      }
      Optional<String> host = string(spec.setting(HOSTNAME).get(), sink.section());
      Optional<Integer> port = port(spec.setting(PORT).get(), sink.section());
      if (host.isPresent() && port.isPresent()) {
        targets.add(new Target(config.agentName(), sink, host.get(), port.get()));
      }
    }
    return targets;
  }

  /** Whether a source of agent {@code listener.agent} that receives what {@code target} sends. */
  static boolean reaches(Target target, Listener listener, boolean sameMachine) {
    if (target.port() != listener.port() || listener.udp()) {
      return false;
    }
    if (target.host().strip().equalsIgnoreCase(listener.bind().strip())) {
      return true;
    }
    if (!sameMachine) {
      // two agents of one file may run anywhere: only a listener on every interface, or on the
      // very name the sink uses, is known to receive from it
      return Hosts.isWildcard(listener.bind());
    }
    if (Hosts.isWildcard(listener.bind())) {
      return Hosts.isThisMachine(target.host());
    }
    if (Hosts.isLoopbackName(listener.bind())) {
      // a listener on 127.0.0.1 is not reached at 127.0.0.2; one on every interface is
      return Hosts.isWildcard(target.host()) || Hosts.isLoopbackName(target.host())
          && loopbackAddress(listener.bind()).equals(loopbackAddress(target.host()));
    }
    Optional<java.net.InetAddress> bound = Hosts.resolve(listener.bind());
    return bound.isPresent() && bound.equals(Hosts.resolve(target.host()));
  }

  /** Whether two listeners of one machine cannot both bind. */
  static boolean clash(Listener a, Listener b) {
    if (a.port() != b.port() || a.port() == 0 || a.udp() != b.udp()) {
      return false;
    }
    if (Hosts.isWildcard(a.bind()) || Hosts.isWildcard(b.bind())
        || a.bind().strip().equalsIgnoreCase(b.bind().strip())) {
      return true;
    }
    if (Hosts.isLoopbackName(a.bind()) && Hosts.isLoopbackName(b.bind())) {
      // localhost and 127.0.0.1 are one address; 127.0.0.2 is another
      return loopbackAddress(a.bind()).equals(loopbackAddress(b.bind()));
    }
    return false;
  }

  private static String loopbackAddress(String bind) {
    String b = bind.strip().toLowerCase(java.util.Locale.ROOT);
    return b.equals("localhost") || b.endsWith(".localhost") ? "127.0.0.1" : b;
  }

  private static ComponentSpec spec(TypeResolver resolver, ComponentKind kind, String type) {
    return type != null && resolver.resolve(kind, type) instanceof Resolved r ? r.spec() : null;
  }

  private static Optional<String> string(Setting<?> setting, Section section) {
    String value = value(setting, section);
    if (value == null) {
      Object fallback = setting.defaultValue();
      return fallback == null ? Optional.empty() : Optional.of(fallback.toString());
    }
    return setting.problem(value).isPresent() ? Optional.empty() : Optional.of(value.strip());
  }

  private static Optional<Integer> port(Setting<?> setting, Section section) {
    String value = value(setting, section);
    if (value == null || setting.problem(value).isPresent()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(value.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String value(Setting<?> setting, Section section) {
    return setting.spellings().stream().map(section::value).filter(v -> v != null && !v.isBlank())
        .findFirst().orElse(null);
  }
}
