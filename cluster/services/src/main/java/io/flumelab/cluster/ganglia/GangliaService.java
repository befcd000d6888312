package io.flumelab.cluster.ganglia;

import io.flumelab.cluster.LabHost;
import io.flumelab.cluster.Service;

/**
 * Ganglia's gmond at {@code hadoop102:8649}: it receives metrics over UDP (as the agent's
 * {@code -Dflume.monitoring.type=ganglia -Dflume.monitoring.hosts=hadoop102:8649} sends them) and
 * serves what it holds as XML on the TCP port.
 */
public interface GangliaService extends Service {

  String PORT_KEY = "flumelab.ganglia.port";
  int DEFAULT_PORT = 8649;
  LabHost HOST = LabHost.HADOOP102;

  int port();

  /** Reads gmond's XML from its TCP port. */
  default GmondXml xml() {
    return new GmondXml(HOST, port());
  }
}
