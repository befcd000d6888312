package io.flumelab.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * One of the course's machines, played on this one by a loopback address of its own, so that
 * configs from the notes ({@code bind = hadoop102}, {@code hdfs://hadoop102:9000}) run unchanged.
 */
public record LabHost(String name, String address) {

  public static final LabHost HADOOP102 = new LabHost("hadoop102", "127.0.1.102");
  public static final LabHost HADOOP103 = new LabHost("hadoop103", "127.0.1.103");
  public static final LabHost HADOOP105 = new LabHost("hadoop105", "127.0.1.105");
  public static final LabHost LOCALHOST = new LabHost("localhost", "127.0.0.1");

  /** The course's machines, in the order Kafka brokers are placed on them. */
  public static final List<LabHost> COURSE = List.of(HADOOP102, HADOOP103, HADOOP105);

  /** The host of that name; fails with the known names otherwise. */
  public static LabHost named(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    for (LabHost host : COURSE) {
      if (host.name.equals(wanted)) {
        return host;
      }
    }
    if (LOCALHOST.name.equals(wanted)) {
      return LOCALHOST;
    }
    throw new IllegalArgumentException("Unknown host '" + name + "': use one of hadoop102, hadoop103, "
        + "hadoop105 or localhost");
  }

  /** The address as the JDK sees it; no name service is asked. */
  public InetAddress inetAddress() {
    try {
      return InetAddress.getByAddress(name, InetAddress.getByName(address).getAddress());
    } catch (UnknownHostException e) {
      throw new IllegalStateException(address + " is not an IP address", e);
    }
  }

  /** "hadoop103 (127.0.1.103)", as messages name a host. */
  public String describe() {
    return name + " (" + address + ")";
  }

  @Override
  public String toString() {
    return name;
  }
}
