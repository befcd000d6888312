package io.flumelab.ganglia;

import info.ganglia.gmetric4j.gmetric.GMetric;
import info.ganglia.gmetric4j.gmetric.GMetricSlope;
import info.ganglia.gmetric4j.gmetric.GMetricType;
import info.ganglia.gmetric4j.gmetric.GangliaException;
import io.flumelab.api.ConfigurationException;
import io.flumelab.api.Context;
import io.flumelab.api.FlumeException;
import io.flumelab.core.spi.ComponentCounter;
import io.flumelab.core.spi.MonitorService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code -Dflume.monitoring.type=ganglia -Dflume.monitoring.hosts=hadoop102:8649}: every
 * {@code pollFrequency} seconds (60), sends each counter to each gmond over UDP, as Flume does:
 * named {@code flume.CHANNEL.c1.ChannelSize}, in group {@code flume}, typed float when it is a
 * number, in Ganglia 3.1's format unless {@code isGanglia3=true}.
 */
public final class GangliaReporter implements MonitorService {

  private static final Logger LOG = LoggerFactory.getLogger(GangliaReporter.class);
  private static final String GROUP = "flume";
  /** Seconds gmond may wait for the next value before it marks the metric stale, as Flume. */
  private static final int TMAX = 60;

  private final List<Target> targets = new ArrayList<>();
  private int pollSeconds = 60;
  private boolean ganglia3;
  private final List<GMetric> senders = new ArrayList<>();
  private ScheduledExecutorService timer;

  private record Target(String host, int port) {
    @Override
    public String toString() {
      return host + ":" + port;
    }
  }

  @Override
  public void configure(Context context) {
    String hosts = context.getString("hosts", "").trim();
    if (hosts.isEmpty()) {
      throw new ConfigurationException("flume.monitoring.hosts", "Ganglia reporting needs gmond's "
          + "address", "add -Dflume.monitoring.hosts=hadoop102:8649");
    }
    for (String entry : hosts.split(",")) {
      targets.add(target(entry.trim()));
    }
    String poll = context.getString("pollFrequency", "60").trim();
    pollSeconds = poll.matches("\\d{1,6}") ? Integer.parseInt(poll) : 0;
    if (pollSeconds < 1) {
      throw new ConfigurationException("flume.monitoring.pollFrequency", "-Dflume.monitoring."
          + "pollFrequency=" + poll + " is not a number of seconds", "use 1 or more, e.g. 10");
    }
    ganglia3 = context.getBoolean("isGanglia3", false);
  }

  private static Target target(String entry) {
    int colon = entry.lastIndexOf(':');
    String port = colon < 0 ? "" : entry.substring(colon + 1);
    if (colon <= 0 || !port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
      throw new ConfigurationException("flume.monitoring.hosts", "'" + entry + "' in "
          + "-Dflume.monitoring.hosts is not host:port", "write it as hadoop102:8649; separate "
          + "several with commas");
    }
    return new Target(entry.substring(0, colon), Integer.parseInt(port));
  }

  @Override
  public synchronized void start(Supplier<List<ComponentCounter>> counters) {
    for (Target target : targets) {
      try {
        // no UUID: gmond 3.7 drops the packets of senders that give one
        senders.add(new GMetric(target.host(), target.port(), GMetric.UDPAddressingMode.UNICAST,
            1, !ganglia3, null));
      } catch (IOException e) {
        closeSenders();
        throw new FlumeException("Cannot send metrics to gmond at " + target + ": " + e
            + ". Check -Dflume.monitoring.hosts (is the name in the hosts file?)", e);
      }
    }
    timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "monitoring-ganglia");
      thread.setDaemon(true);
      return thread;
    });
    timer.scheduleWithFixedDelay(() -> report(counters.get()), 0, pollSeconds, TimeUnit.SECONDS);
    LOG.info("Sending counters to gmond at {} every {} s", targets, pollSeconds);
  }

  private synchronized void report(List<ComponentCounter> counters) {
    try {
      for (ComponentCounter counter : counters) {
        String prefix = "flume." + counter.getType() + "." + counter.getName() + ".";
        for (Map.Entry<String, Object> attribute : counter.attributes().entrySet()) {
          Object value = attribute.getValue();
          GMetricType type = value instanceof Number ? GMetricType.FLOAT : GMetricType.STRING;
          for (GMetric sender : senders) {
            sender.announce(prefix + attribute.getKey(), String.valueOf(value), type, "",
                GMetricSlope.BOTH, TMAX, 0, GROUP);
          }
        }
      }
    } catch (GangliaException | RuntimeException e) {
      LOG.warn("Could not send counters to gmond at {}: {}", targets, e.toString());
    }
  }

  @Override
  public synchronized void stop() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
    closeSenders();
  }

  private void closeSenders() {
    for (GMetric sender : senders) {
      try {
        sender.close();
      } catch (IOException e) {
        LOG.debug("Closing a gmond sender: {}", e.toString());
      }
    }
    senders.clear();
  }
}
