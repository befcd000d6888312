package io.flumelab.cluster.ganglia;

import io.flumelab.cluster.Endpoint;
import io.flumelab.cluster.LabHost;
import io.flumelab.cluster.Service;
import java.util.List;

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

  @Override
  default String name() {
    return "ganglia";
  }

  @Override
  default List<Endpoint> endpoints() {
    return List.of(
        new Endpoint("gmond metrics (UDP)", HOST, port(), HOST.name() + ":" + port()),
        new Endpoint("gmond XML (TCP)", HOST, port(), "nc " + HOST.name() + " " + port()));
  }

  /** Whether gmond answers on its TCP port with its XML yet. */
  default boolean servesXml() {
    try {
      return xml().raw().contains("<GANGLIA_XML");
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Reads gmond's XML from its TCP port. */
  default GmondXml xml() {
    return new GmondXml(HOST, port());
  }
}
