package io.flumelab.core.spi;

import io.flumelab.api.Configurable;
import io.flumelab.api.EventDeliveryException;
import io.flumelab.api.LifecycleAware;
import io.flumelab.api.Sink;
import java.util.List;

/**
 * Decides which sink of a group drains the channel on each call: the default processor has one
 * sink; failover and load balancing choose among several. Starting a processor starts its sinks.
 */
public interface SinkProcessor extends LifecycleAware, Configurable {

  void setSinks(List<Sink> sinks);

  List<Sink> getSinks();

  Sink.Status process() throws EventDeliveryException;
}
