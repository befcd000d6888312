package io.flumelab.core.spi;

import io.flumelab.api.FlumeException;
import io.netty.bootstrap.AbstractBootstrap;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A source's listening Netty socket with its event loops and, for TCP, the connections it
 * accepted. Binding fails with a message for the user ({@link ListenAddress#bindFailure}) and
 * leaves no thread; {@link #close()} closes the socket and every connection and stops the threads.
 * The owner calls listen and close under its own lock; the address may be read from any thread.
 */
public final class NettyServer {

  private static final long SHUTDOWN_TIMEOUT_SECONDS = 10;

  private final Set<Channel> clients = ConcurrentHashMap.newKeySet();
  private volatile Bound bound;

  /** What one successful listen opened. */
  private record Bound(String owner, List<EventLoopGroup> groups, Channel channel) {}

  /**
   * Listens on TCP with one acceptor thread ({@code <threadPrefix>-accept}) and {@code ioThreads}
   * I/O threads ({@code <threadPrefix>-io}); {@code pipeline} sets up each accepted connection.
   */
  public void listenTcp(ListenAddress where, String threadPrefix, int ioThreads,
      boolean tcpNoDelay, Consumer<SocketChannel> pipeline) {
    EventLoopGroup boss = group(1, threadPrefix + "-accept");
    EventLoopGroup workers = group(ioThreads, threadPrefix + "-io");
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(boss, workers)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 128)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            clients.add(ch);
            ch.closeFuture().addListener(f -> clients.remove(ch));
            pipeline.accept(ch);
          }
        });
    if (tcpNoDelay) {
      bootstrap.childOption(ChannelOption.TCP_NODELAY, true);
    }
    bind(where, bootstrap, List.of(boss, workers));
  }

  /** Listens on UDP with one I/O thread, {@code threadName}; {@code setup} adds the handler. */
  public void listenUdp(ListenAddress where, String threadName, Consumer<Bootstrap> setup) {
    EventLoopGroup group = group(1, threadName);
    Bootstrap bootstrap = new Bootstrap().group(group).channel(NioDatagramChannel.class);
    setup.accept(bootstrap);
    bind(where, bootstrap, List.of(group));
  }

  private static EventLoopGroup group(int threads, String threadName) {
    return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(threadName),
        NioIoHandler.newFactory());
  }

  private void bind(ListenAddress where, AbstractBootstrap<?, ?> bootstrap,
      List<EventLoopGroup> groups) {
    ChannelFuture future = bootstrap.bind(where.address()).awaitUninterruptibly();
    if (!future.isSuccess()) {
      EventLoops.shutDown(groups, where.owner(), SHUTDOWN_TIMEOUT_SECONDS);
      throw new FlumeException(where.bindFailure(future.cause()), future.cause());
    }
    bound = new Bound(where.owner(), groups, future.channel());
  }

  public boolean isListening() {
    return bound != null;
  }

  /** The address listened on (the actual port if port was 0), or null if not listening. */
  public InetSocketAddress localAddress() {
    Bound b = bound;
    return b == null ? null : (InetSocketAddress) b.channel().localAddress();
  }

  /**
   * Closes the socket, then the open connections (waiting up to 10 s each), then the threads.
   *
   * @return whether it was listening
   */
  public boolean close() {
    Bound b = bound;
    bound = null;
    if (b == null) {
      return false;
    }
    b.channel().close().awaitUninterruptibly();
    List<Channel> open = new ArrayList<>(clients);
    for (Channel client : open) {
      client.close();
    }
    for (Channel client : open) {
      client.closeFuture().awaitUninterruptibly(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
    EventLoops.shutDown(b.groups(), b.owner(), SHUTDOWN_TIMEOUT_SECONDS);
    return true;
  }
}
