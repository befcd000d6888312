package io.flumelab.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Makes sure this JVM resolves the course's names to their loopback addresses. */
public final class HostsCheck {

  private HostsCheck() {}

  public static void requireCourseHosts() {
    for (LabHost host : LabHost.COURSE) {
      String resolved;
      try {
        resolved = InetAddress.getByName(host.name()).getHostAddress();
      } catch (UnknownHostException e) {
        resolved = "nothing";
      }
      if (!resolved.equals(host.address())) {
        throw new ServiceException(host.name() + " resolves to " + resolved + " in this JVM, not to "
            + host.address() + (Hosts.applied().map(f -> " (hosts file " + f + ")").orElse("")),
            "start the JVM with " + Hosts.PROPERTY + " set to a file written by "
            + "io.flumelab.cluster.Hosts (java ... -D" + Hosts.PROPERTY + "=<file>), "
            + "or map the names in /etc/hosts");
      }
    }
  }
}
