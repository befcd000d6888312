package io.flumelab.cluster.ganglia;

import io.flumelab.cluster.LabHost;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads what gmond holds: it writes its whole state as XML to each TCP connection and closes it,
 * so every call here reads afresh.
 */
public final class GmondXml {

  private final LabHost host;
  private final int port;

  public GmondXml(LabHost host, int port) {
    this.host = host;
    this.port = port;
  }

  /** The XML document as gmond sent it. */
  public String raw() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host.inetAddress(), port), 2000);
      socket.setSoTimeout(5000);
      try (InputStream in = socket.getInputStream()) {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read gmond's XML from " + host.describe() + ":" + port, e);
    }
  }

  /** Every metric of every host gmond knows. */
  public List<GmondMetric> metrics() {
    Document document = parse(raw());
    List<GmondMetric> metrics = new ArrayList<>();
    NodeList hosts = document.getElementsByTagName("HOST");
    for (int i = 0; i < hosts.getLength(); i++) {
      Element hostElement = (Element) hosts.item(i);
      NodeList hostMetrics = hostElement.getElementsByTagName("METRIC");
      for (int j = 0; j < hostMetrics.getLength(); j++) {
        Element metric = (Element) hostMetrics.item(j);
        metrics.add(new GmondMetric(hostElement.getAttribute("NAME"), metric.getAttribute("NAME"),
            metric.getAttribute("VAL"), metric.getAttribute("TYPE"), metric.getAttribute("UNITS")));
      }
    }
    return metrics;
  }

  /** The metric of that name, from whichever host sent it. */
  public Optional<GmondMetric> metric(String name) {
    return metrics().stream().filter(metric -> metric.name().equals(name)).findFirst();
  }

  private static Document parse(String xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      // the document carries its DTD inline; nothing outside it may be loaded
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      return builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.ISO_8859_1)));
    } catch (Exception e) {
      throw new IllegalStateException("gmond sent XML that does not parse: " + e.getMessage(), e);
    }
  }
}
