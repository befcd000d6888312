package io.flumelab.avro;

import io.flumelab.api.ChannelException;
import io.flumelab.api.Event;
import io.flumelab.core.spi.SourceCounter;
import io.flumelab.core.spi.WireText;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection of an {@link AvroSource}: answers the handshake, decodes each call, hands
 * its events to the channel processor in one call and answers {@code OK} only once they are
 * committed, {@code FAILED} when the channels refused them (the client then retries). Runs on the
 * connection's I/O thread.
 *
 * <p>Bytes that are not the protocol (garbage, a frame cut short, a bad length) close this
 * connection only, counted as {@code EventReadFail}; the events of calls already answered stay
 * delivered.
 */
final class AvroConnectionHandler extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(AvroSource.class);

  private final AvroSource source;
  private final SourceCounter counter;
  private final ReadBudget budget;
  private final FrameCodec codec;
  private boolean handshaken;
  private boolean wroteSinceFlush;
  private String peer = "?";

  AvroConnectionHandler(AvroSource source, SourceCounter counter, ReadBudget budget,
      FrameCodec codec) {
    this.source = source;
    this.counter = counter;
    this.budget = budget;
    this.codec = codec;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    peer = String.valueOf(ctx.channel().remoteAddress());
    counter.incrementOpenConnectionCount();
    LOG.debug("Avro source {}: connection from {}", source.getName(), peer);
    super.channelActive(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    counter.decrementOpenConnectionCount();
    LOG.debug("Avro source {}: {} disconnected", source.getName(), peer);
    super.channelInactive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    Frame request = (Frame) msg;
    ByteBuf reply = ctx.alloc().buffer(64);
    try {
      respond(request.body(), reply);
    } catch (RuntimeException e) {
      reply.release();
      throw e;
    } finally {
      request.body().release();
      budget.release(request.budgetBytes());
    }
    ctx.write(new Frame(request.serial(), reply), ctx.voidPromise());
    wroteSinceFlush = true;
    if (!ctx.channel().isWritable()) {
      // the client is not reading its answers: stop reading its calls until it does
      ctx.channel().config().setAutoRead(false);
    }
  }

  private void respond(ByteBuf in, ByteBuf out) {
    if (!handshaken) {
      Handshake.Request request = Handshake.readRequest(in);
      Handshake.Match match = Handshake.answer(request, source.knowsClient(request, peer));
      Handshake.writeResponse(out, match);
      if (match == Handshake.Match.NONE) {
        return; // the client resends the call with its protocol text
      }
      handshaken = true;
    }
    String message = Calls.readRequestHead(in);
    switch (message) {
      case "" -> { } // a handshake ping
      case AvroProtocol.APPEND -> {
        counter.incrementAppendReceivedCount();
        AvroProtocol.Status status = deliver(List.of(EventCodec.readEvent(in)));
        if (status == AvroProtocol.Status.OK) {
          counter.incrementAppendAcceptedCount();
        }
        Calls.writeStatus(out, status);
      }
      case AvroProtocol.APPEND_BATCH -> {
        counter.incrementAppendBatchReceivedCount();
        AvroProtocol.Status status = deliver(EventCodec.readBatch(in));
        if (status == AvroProtocol.Status.OK) {
          counter.incrementAppendBatchAcceptedCount();
        }
        Calls.writeStatus(out, status);
      }
      default -> {
        counter.incrementEventReadFail();
        String quoted = WireText.quote(message);
        source.clientWarnings().warn("Avro source {}: {} called {}, which Flume's avro protocol "
            + "does not have (counted as EventReadFail)", source.getName(), peer, quoted);
        Calls.writeError(out, "Avro source " + source.getName() + " has no message " + quoted
            + "; it serves Flume's AvroSourceProtocol (append, appendBatch)");
      }
    }
  }

  private AvroProtocol.Status deliver(List<Event> events) {
    int n = events.size();
    counter.addToEventReceivedCount(n);
    if (n == 0) {
      return AvroProtocol.Status.OK;
    }
    try {
      source.getChannelProcessor().processEventBatch(events);
      counter.addToEventAcceptedCount(n);
      return AvroProtocol.Status.OK;
    } catch (ChannelException e) {
      counter.incrementChannelWriteFail();
      LOG.warn("Avro source {}: the channels refused {} events from {}; answered FAILED so the "
          + "client retries (counted as ChannelWriteFail): {}", source.getName(), n, peer,
          e.toString());
    } catch (RuntimeException e) {
      counter.incrementGenericProcessingFail();
      LOG.error("Avro source {}: delivering {} events from {} failed; answered FAILED",
          source.getName(), n, peer, e);
    }
    return AvroProtocol.Status.FAILED;
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (wroteSinceFlush) {
      wroteSinceFlush = false;
      ctx.flush();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    if (ctx.channel().isWritable() && !codec.awaitingBudget()) {
      ctx.channel().config().setAutoRead(true);
    }
    super.channelWritabilityChanged(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable reason = cause instanceof DecoderException && cause.getCause() != null
        && !(cause instanceof AvroFormatException) ? cause.getCause() : cause;
    if (reason instanceof FrameCodec.FrameTooLongException tooLong) {
      counter.incrementEventReadFail();
      source.clientWarnings().warn("Avro source {}: closing the connection from {}: it sent a "
          + "call of at least {} bytes, above maxFrameBytes = {} (counted as EventReadFail). "
          + "Send smaller batches, or raise maxFrameBytes (and maxReadBytes, the budget of all "
          + "connections together) if calls this large are expected", source.getName(), peer,
          tooLong.declaredBytes, tooLong.maxFrameBytes);
    } else if (reason instanceof FrameCodec.FrameIdleException) {
      counter.incrementEventReadFail();
      source.clientWarnings().warn("Avro source {}: closing the connection from {}: it sent "
          + "nothing for frameIdleTimeout = {} ms in the middle of a call, holding bytes other "
          + "clients need (counted as EventReadFail)", source.getName(), peer,
          source.frameIdleTimeoutMillis());
    } else if (cause instanceof DecoderException) {
      counter.incrementEventReadFail();
      source.clientWarnings().warn("Avro source {}: closing the connection from {}: it sent "
          + "bytes that are not Flume's avro protocol (counted as EventReadFail): {}",
          source.getName(), peer, reason.getMessage());
    } else if (cause instanceof IOException) {
      LOG.debug("Avro source {}: connection from {} failed: {}", source.getName(), peer,
          cause.toString());
    } else {
      counter.incrementGenericProcessingFail();
      LOG.error("Avro source {}: closing the connection from {} after an unexpected error",
          source.getName(), peer, cause);
    }
    ctx.close();
  }
}
