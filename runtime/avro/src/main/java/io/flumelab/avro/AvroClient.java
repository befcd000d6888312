package io.flumelab.avro;

import io.flumelab.api.Event;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One connection to an avro source, making one call at a time: the client half of Flume's avro
 * protocol. The first call carries the handshake; if the server does not know our protocol's hash
 * it answers NONE without running the call, and the call is sent again with the protocol text.
 */
final class AvroClient implements AutoCloseable {

  private final String target;
  private final Channel channel;
  private final Responses responses;
  private boolean handshaken;
  private boolean sendProtocol;
  private byte[] serverHash = AvroProtocol.MD5;
  private int serial;

  private AvroClient(String target, Channel channel, Responses responses) {
    this.target = target;
    this.channel = channel;
    this.responses = responses;
  }

  /** Connects within {@code timeoutMillis}; the I/O runs on {@code group}. */
  static AvroClient connect(EventLoopGroup group, InetSocketAddress address,
      Compression compression, int level, int timeoutMillis) throws IOException {
    Responses responses = new Responses();
    Bootstrap bootstrap = new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMillis)
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            compression.addTo(ch.pipeline(), level);
            ch.pipeline().addLast(new FrameCodec());
            ch.pipeline().addLast(responses);
          }
        });
    ChannelFuture connected = bootstrap.connect(address).awaitUninterruptibly();
    if (!connected.isSuccess()) {
      Throwable cause = connected.cause();
      throw new IOException(cause == null ? "connection failed" : cause.getMessage(), cause);
    }
    return new AvroClient(address.getHostString() + ":" + address.getPort(), connected.channel(),
        responses);
  }

  boolean handshaken() {
    return handshaken;
  }

  boolean isOpen() {
    return channel.isActive();
  }

  /** Sends the events in one appendBatch call and returns the server's status. */
  AvroProtocol.Status appendBatch(List<Event> events, long timeoutMillis)
      throws IOException, TimeoutException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (true) {
      ByteBuf request = channel.alloc().buffer(64 + events.size() * 128);
      boolean handshaking = !handshaken;
      if (handshaking) {
        Handshake.writeRequest(request, AvroProtocol.MD5, sendProtocol ? AvroProtocol.JSON : null,
            serverHash);
      }
      Calls.writeRequestHead(request, AvroProtocol.APPEND_BATCH);
      EventCodec.writeBatch(request, events);
      ByteBuf response = call(request, deadline);
      try {
        if (handshaking && !handshake(response)) {
          continue;
        }
        return Calls.readStatus(response);
      } catch (AvroFormatException | Calls.RemoteError e) {
        throw new IOException(target + " answered something unexpected: " + e.getMessage(), e);
      } finally {
        response.release();
      }
    }
  }

  /** Reads the handshake answer; false if the call must be sent again with our protocol text. */
  private boolean handshake(ByteBuf response) throws IOException {
    Handshake.Response answer = Handshake.readResponse(response);
    if (answer.serverProtocol() != null && !AvroProtocol.isFlumeProtocol(answer.serverProtocol())) {
      throw new IOException(target + " speaks another Avro protocol than Flume's avro source");
    }
    if (answer.serverHash() != null) {
      serverHash = answer.serverHash();
    }
    if (answer.match() == Handshake.Match.NONE) {
      if (sendProtocol) {
        throw new IOException(target + " refused Flume's avro protocol in the handshake");
      }
      sendProtocol = true;
      return false;
    }
    handshaken = true;
    return true;
  }

  private ByteBuf call(ByteBuf request, long deadline) throws IOException, TimeoutException {
    int id = ++serial;
    CompletableFuture<Frame> answer = responses.expect(id);
    channel.writeAndFlush(new Frame(id, request)).addListener(f -> {
      if (!f.isSuccess()) {
        answer.completeExceptionally(f.cause());
      }
    });
    try {
      long wait = deadline - System.nanoTime();
      return answer.get(Math.max(0, wait), TimeUnit.NANOSECONDS).body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for " + target, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw new IOException(cause.getMessage() == null ? cause.toString() : cause.getMessage(),
          cause);
    }
  }

  @Override
  public void close() {
    channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
  }

  /** Completes the outstanding call with its response, or fails it when the connection ends. */
  private static final class Responses extends ChannelInboundHandlerAdapter {
    private record Pending(int serial, CompletableFuture<Frame> answer) {}

    // cleared before the answer completes: the caller may send its next call at once
    private final AtomicReference<Pending> pending = new AtomicReference<>();

    CompletableFuture<Frame> expect(int serial) {
      CompletableFuture<Frame> future = new CompletableFuture<>();
      pending.set(new Pending(serial, future));
      return future;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      Frame frame = (Frame) msg;
      Pending call = pending.get();
      if (call != null && frame.serial() == call.serial() && pending.compareAndSet(call, null)) {
        call.answer().complete(frame);
      } else {
        frame.body().release(); // the answer to a call that timed out
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      fail(new IOException("the connection was closed by the other side"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      fail(cause);
      ctx.close();
    }

    private void fail(Throwable cause) {
      Pending call = pending.getAndSet(null);
      if (call != null) {
        call.answer().completeExceptionally(cause);
      }
    }
  }
}
