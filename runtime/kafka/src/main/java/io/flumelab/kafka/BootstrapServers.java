package io.flumelab.kafka;

import io.flumelab.core.spi.Check;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** The rules of a {@code kafka.bootstrap.servers} list: {@code host:port} entries, by commas. */
final class BootstrapServers {

  /** The course's brokers, for fixes: there is no hadoop104. */
  static final String COURSE = "hadoop102:9092,hadoop103:9092,hadoop105:9092";

  private static final Pattern ENTRY = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[^\\s:/\\[\\]]+):\\d{1,5}");

  private BootstrapServers() {}

  static List<String> entries(String list) {
    return Arrays.stream(list.split(",")).map(String::strip).filter(e -> !e.isEmpty()).toList();
  }

  /** Every entry is host:port, as Kafka's client requires. */
  static Check<String> wellFormed() {
    return new Check<>("host:port, separated by commas",
        list -> !entries(list).isEmpty() && entries(list).stream().allMatch(BootstrapServers::ok),
        list -> "'" + list + "' is not a list of host:port"
            + entries(list).stream().filter(e -> !ok(e)).findFirst().map(e -> " ('" + e + "')")
                .orElse(""),
        "Write the brokers as host:port separated by commas, such as " + COURSE + ".");
  }

  /**
   * Every host resolves on this machine. A warning only: the agent may run where it resolves,
   * and the client keeps trying the others.
   */
  static Check<String> resolvable() {
    return new Check<>("hosts resolve", list -> unresolved(list).isEmpty(),
        list -> "the broker host " + String.join(", ", unresolved(list)) + " does not resolve on "
            + "this machine" + (unresolved(list).size() == entries(list).size()
                ? ", so no broker can be reached from here" : "; the client uses the others only"),
        "The course's brokers run on hadoop102, hadoop103 and hadoop105 (there is no hadoop104):"
            + " write " + COURSE + ".");
  }

  private static boolean ok(String entry) {
    if (!ENTRY.matcher(entry).matches()) {
      return false;
    }
    int port = Integer.parseInt(entry.substring(entry.lastIndexOf(':') + 1));
    return port >= 1 && port <= 65535;
  }

  private static List<String> unresolved(String list) {
    return entries(list).stream().filter(BootstrapServers::ok)
        .map(e -> e.substring(0, e.lastIndexOf(':')))
        .filter(host -> !resolves(host)).distinct().toList();
  }

  private static boolean resolves(String host) {
    try {
      InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
      return true;
    } catch (UnknownHostException | SecurityException e) {
      return false;
    }
  }
}
