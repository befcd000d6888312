package io.flumelab.core.source.netcatudp;

import io.flumelab.api.ChannelException;
import io.flumelab.api.Event;
import io.flumelab.api.SimpleEvent;
import io.flumelab.core.spi.SourceCounter;
import io.flumelab.core.spi.WireText;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each datagram a {@link NetcatUdpSource} receives into one event per line and delivers them
 * in one transaction. Runs on the source's single I/O thread. Nothing thrown here may close the
 * channel: a closed datagram channel would end the source for every sender.
 */
final class NetcatUdpHandler extends SimpleChannelInboundHandler<DatagramPacket> {

  private static final Logger LOG = LoggerFactory.getLogger(NetcatUdpSource.class);
  private static final byte LF = '\n';

  private final NetcatUdpSource source;
  private final SourceCounter counter;
  private final String remoteAddressHeader;

  NetcatUdpHandler(NetcatUdpSource source, SourceCounter counter, String remoteAddressHeader) {
    this.source = source;
    this.counter = counter;
    this.remoteAddressHeader = remoteAddressHeader;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
    List<Event> events = split(packet.content(), headers(packet));
    if (events.isEmpty()) {
      return;
    }
    int n = events.size();
    counter.addToEventReceivedCount(n);
    counter.incrementAppendBatchReceivedCount();
    try {
      source.getChannelProcessor().processEventBatch(events);
      counter.addToEventAcceptedCount(n);
      counter.incrementAppendBatchAcceptedCount();
    } catch (ChannelException e) {
      counter.incrementChannelWriteFail();
      // UDP cannot ask the sender to wait; a full channel refuses many datagrams: throttled
      source.refusedLog().warn("Netcat UDP source {}: the channels refused {} events from {}; UDP "
          + "cannot ask senders to wait, so they were dropped (counted as ChannelWriteFail): {}",
          source.getName(), n, packet.sender(), e.toString());
    } catch (RuntimeException e) {
      counter.incrementGenericProcessingFail();
      LOG.error("Netcat UDP source {}: delivering a datagram from {} failed; its {} events are "
          + "dropped", source.getName(), packet.sender(), n, e);
    }
  }

  private Map<String, String> headers(DatagramPacket packet) {
    if (remoteAddressHeader == null) {
      return null;
    }
    Map<String, String> headers = new HashMap<>(4);
    headers.put(remoteAddressHeader, String.valueOf(packet.sender()));
    return headers;
  }

  /** One event per {@code \n}-terminated line, plus the last piece if it has no newline. */
  static List<Event> split(ByteBuf content, Map<String, String> headers) {
    List<Event> events = new ArrayList<>(1);
    int from = content.readerIndex();
    int end = content.writerIndex();
    while (from < end) {
      int lf = content.indexOf(from, end, LF);
      int lineEnd = lf < 0 ? end : lf;
      byte[] body = new byte[lineEnd - from];
      content.getBytes(from, body);
      SimpleEvent event = new SimpleEvent();
      event.setBody(body);
      if (headers != null) {
        event.setHeaders(new HashMap<>(headers));
      }
      events.add(event);
      from = lineEnd + 1;
    }
    return events;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    counter.incrementGenericProcessingFail();
    // a sender can cause these at will (an ICMP port unreachable, say): throttled and quoted
    source.errorLog().warn("Netcat UDP source {}: error while receiving; still listening: {}",
        source.getName(), WireText.quote(String.valueOf(cause)));
  }
}
