package io.flumelab.avro;

import io.flumelab.api.Event;
import io.flumelab.api.EventDeliveryException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends events to an avro source, a batch per call, and says whether each batch was accepted:
 * what {@code flume-ng avro-client} runs. One connection, made on the first batch.
 */
public final class AvroEventSender implements AutoCloseable {

  private static final int CONNECT_TIMEOUT_MILLIS = 20_000;
  private static final long REQUEST_TIMEOUT_MILLIS = 20_000;

  private final InetSocketAddress address;
  private final EventLoopGroup group;
  private AvroClient client;

  public AvroEventSender(String host, int port) {
    this.address = new InetSocketAddress(host, port);
    this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  }

  /**
   * Sends one batch and returns once the source committed it.
   *
   * @throws EventDeliveryException when the source cannot be reached or refuses the batch
   */
  public void send(List<Event> batch) throws EventDeliveryException {
    String target = address.getHostString() + ":" + address.getPort();
    try {
      if (client == null) {
        client = AvroClient.connect(group, address, Compression.NONE, 0, CONNECT_TIMEOUT_MILLIS);
      }
      AvroProtocol.Status status = client.appendBatch(batch, REQUEST_TIMEOUT_MILLIS);
      if (status != AvroProtocol.Status.OK) {
        throw new EventDeliveryException("The avro source at " + target + " answered " + status
            + " for a batch of " + batch.size() + " events: its channel did not take them");
      }
    } catch (IOException e) {
      throw new EventDeliveryException("Cannot send to the avro source at " + target + ": "
          + e.getMessage(), e);
    } catch (TimeoutException e) {
      throw new EventDeliveryException("The avro source at " + target + " did not answer within "
          + REQUEST_TIMEOUT_MILLIS / 1000 + " s", e);
    }
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
  }
}
