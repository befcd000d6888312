package io.flumelab.cluster.junit;

import io.flumelab.cluster.LabHost;

/** Where an agent runs: {@code agents.start("a3", job, on("hadoop105"))}. */
public record On(LabHost host) {

  public static On on(String hostName) {
    return new On(LabHost.named(hostName));
  }
}
