package io.flumelab.core.source.netcat;

import io.flumelab.api.ChannelException;
import io.flumelab.api.ChannelProcessor;
import io.flumelab.api.Event;
import io.flumelab.api.SimpleEvent;
import io.flumelab.core.spi.SourceCounter;
import io.flumelab.core.spi.WireText;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection of a {@link NetcatSource}: splits the byte stream into lines, hands them to
 * the channel processor in batches, and answers. Runs on the connection's I/O thread only.
 *
 * <p>Lines are cut from the received buffers as bytes, without decoding: with an ASCII-compatible
 * encoding the newline is the byte 0x0A and a line of ASCII bytes is valid text as it is. Only a line
 * with a byte above 0x7F is checked with the encoding's decoder. The one copy made is the event body.
 *
 * <p>Lines are collected while a read burst lasts and delivered when {@code batchSize} is reached
 * and when the burst ends ({@link #channelReadComplete}), so a fast client costs one transaction per
 * batch instead of one per line, and a slow one (a person typing) gets each line delivered at once.
 *
 * <p>Warnings a client causes (bad lines, a line cut short) show the start of the line through
 * {@link WireText#quote} and go through the source's throttled logs, so a client can neither forge
 * log lines nor flood the log.
 */
final class NetcatConnectionHandler extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(NetcatSource.class);
  private static final byte LF = '\n';
  private static final int OK_LINE = ('O' << 16) | ('K' << 8) | '\n';
  private static final int INITIAL_LINE_BUFFER = 256;

  private final NetcatSource source;
  private final SourceCounter counter;
  private final int maxLineLength;
  private final boolean ackEveryEvent;
  private final Charset encoding;
  private final int batchSize;

  private List<Event> pending;
  /** The start of a line whose newline has not arrived yet; at most maxLineLength bytes. */
  private byte[] partial = new byte[0];
  private int partialLength;
  /** The pending partial line exceeded maxLineLength; bytes up to the newline are skipped. */
  private boolean partialOverflow;
  private boolean wroteSinceFlush;
  private boolean closing;
  private long truncatedLines;
  private CharsetDecoder decoder;
  private CharBuffer decoded;
  private String peer = "?";

  NetcatConnectionHandler(NetcatSource source, SourceCounter counter) {
    this.source = source;
    this.counter = counter;
    this.maxLineLength = source.maxLineLength();
    this.ackEveryEvent = source.ackEveryEvent();
    this.encoding = source.encoding();
    this.batchSize = source.batchSize();
    this.pending = new ArrayList<>(Math.min(batchSize, 1024));
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    SocketAddress remote = ctx.channel().remoteAddress();
    peer = String.valueOf(remote);
    counter.incrementOpenConnectionCount();
    LOG.debug("Netcat source {}: connection from {}", source.getName(), peer);
    super.channelActive(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    counter.decrementOpenConnectionCount();
    // normally empty: every burst ends with channelReadComplete
    deliver(ctx);
    if (partialLength > 0 || partialOverflow) {
      counter.incrementEventReadFail();
      source.badInputLog().warn("Netcat source {}: {} disconnected in the middle of a line; "
          + "discarded {}{} bytes that had no newline: {}", source.getName(), peer,
          partialOverflow ? "more than " : "", partialLength, quoteStart(partial, partialLength));
      partialLength = 0;
      partialOverflow = false;
    }
    if (truncatedLines > 1) {
      source.badInputLog().warn("Netcat source {}: {} sent {} lines longer than max-line-length "
          + "({} bytes); they were truncated", source.getName(), peer, truncatedLines,
          maxLineLength);
    }
    LOG.debug("Netcat source {}: {} disconnected", source.getName(), peer);
    super.channelInactive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf in = (ByteBuf) msg;
    try {
      if (!closing) {
        split(ctx, in);
      }
    } finally {
      in.release();
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    deliver(ctx);
    if (wroteSinceFlush) {
      wroteSinceFlush = false;
      ctx.flush();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    // resume reading once the client has taken its answers (see deliver)
    if (ctx.channel().isWritable() && !closing) {
      ctx.channel().config().setAutoRead(true);
    }
    super.channelWritabilityChanged(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof IOException) {
      // a reset connection is the client's business
      LOG.debug("Netcat source {}: connection from {} failed: {}", source.getName(), peer,
          cause.toString());
    } else {
      counter.incrementGenericProcessingFail();
      LOG.error("Netcat source {}: closing the connection from {} after an unexpected error",
          source.getName(), peer, cause);
    }
    ctx.close();
  }

  /** Cuts the lines out of {@code in}; keeps an unfinished line for the next read. */
  private void split(ChannelHandlerContext ctx, ByteBuf in) {
    int from = in.readerIndex();
    int end = in.writerIndex();
    while (from < end) {
      int lf = in.indexOf(from, end, LF);
      if (lf < 0) {
        keepPartial(in, from, end - from);
        return;
      }
      lineEnds(ctx, in, from, lf - from);
      if (closing) {
        return;
      }
      from = lf + 1;
      if (pending.size() >= batchSize) {
        deliver(ctx);
      }
    }
  }

  private void keepPartial(ByteBuf in, int from, int length) {
    if (partialOverflow) {
      return;
    }
    int room = maxLineLength - partialLength;
    int keep = Math.min(room, length);
    if (partialLength + keep > partial.length) {
      int size = Math.max(partial.length * 2, INITIAL_LINE_BUFFER);
      partial = Arrays.copyOf(partial, Math.min(maxLineLength, Math.max(size, partialLength + keep)));
    }
    in.getBytes(from, partial, partialLength, keep);
    partialLength += keep;
    partialOverflow = length > room;
  }

  /** A newline arrived; {@code in[from, from + length)} ends the current line. */
  private void lineEnds(ChannelHandlerContext ctx, ByteBuf in, int from, int length) {
    byte[] body;
    boolean truncated;
    if (partialLength == 0 && !partialOverflow) {
      truncated = length > maxLineLength;
      body = new byte[truncated ? maxLineLength : length];
      in.getBytes(from, body);
    } else {
      int room = maxLineLength - partialLength;
      truncated = partialOverflow || length > room;
      int take = Math.min(room, length);
      body = new byte[partialLength + take];
      System.arraycopy(partial, 0, body, 0, partialLength);
      in.getBytes(from, body, partialLength, take);
      partialLength = 0;
      partialOverflow = false;
    }
    if (!isAscii(body)) {
      int valid = validLength(body, truncated);
      if (valid < 0) {
        rejectUndecodable(ctx, body);
        return;
      }
      if (valid < body.length) {
        // the cut fell inside a multi-byte character: end the body before it
        body = Arrays.copyOf(body, valid);
      }
    }
    if (truncated) {
      counter.incrementEventReadFail();
      if (++truncatedLines == 1) {
        source.badInputLog().warn("Netcat source {}: {} sent a line longer than max-line-length "
            + "({} bytes); the event keeps the first {} bytes and the rest of the line is dropped "
            + "(counted as EventReadFail; further long lines from this client are only counted): "
            + "{}", source.getName(), peer, maxLineLength, body.length,
            quoteStart(body, body.length));
      }
    }
    SimpleEvent event = new SimpleEvent();
    event.setBody(body);
    pending.add(event);
  }

  /**
   * The first bytes of a line as a log may show them: quoted and escaped, since a client wrote
   * them. Only what is shown is copied; the warning says how long the line was.
   */
  private static String quoteStart(byte[] bytes, int length) {
    int shown = Math.min(length, WireText.MAX_CHARS);
    String quoted = WireText.quote(Arrays.copyOf(bytes, shown));
    return length > shown ? quoted + " (" + (length - shown) + " more bytes)" : quoted;
  }

  private static boolean isAscii(byte[] bytes) {
    int any = 0;
    for (byte b : bytes) {
      any |= b;
    }
    return any >= 0;
  }

  /**
   * How many leading bytes of {@code body} are whole characters in the encoding, or -1 if it holds
   * a malformed sequence. A truncated body may end in a partial character; that part is left out.
   */
  private int validLength(byte[] body, boolean truncated) {
    if (decoder == null) {
      decoder = encoding.newDecoder(); // reports malformed and unmappable input
      decoded = CharBuffer.allocate(1024);
    }
    decoder.reset();
    ByteBuffer bytes = ByteBuffer.wrap(body);
    while (true) {
      decoded.clear();
      CoderResult result = decoder.decode(bytes, decoded, !truncated);
      if (result.isError()) {
        return -1;
      }
      if (result.isUnderflow()) {
        break;
      }
    }
    if (!truncated) {
      decoded.clear();
      if (decoder.flush(decoded).isError()) {
        return -1;
      }
    }
    return bytes.position();
  }

  private void rejectUndecodable(ChannelHandlerContext ctx, byte[] line) {
    closing = true;
    counter.incrementEventReadFail();
    source.badInputLog().warn("Netcat source {}: {} sent a line that is not valid {} text; "
        + "closing the connection (counted as EventReadFail): {}", source.getName(), peer,
        encoding.name(), quoteStart(line, line.length));
    deliver(ctx); // the good lines before it still count
    ByteBuf reply = ctx.alloc().buffer();
    reply.writeBytes(("FAILED: Event is not valid " + encoding.name() + " text\n").getBytes(encoding));
    wroteSinceFlush = false;
    ctx.writeAndFlush(reply).addListener(ChannelFutureListener.CLOSE);
  }

  /** Hands the pending lines to the channels and answers each: OK once committed, else FAILED. */
  private void deliver(ChannelHandlerContext ctx) {
    if (pending.isEmpty()) {
      return;
    }
    List<Event> batch = pending;
    pending = new ArrayList<>(Math.min(batchSize, 1024));
    int n = batch.size();
    counter.addToEventReceivedCount(n);
    counter.incrementAppendBatchReceivedCount();
    String failure;
    try {
      ChannelProcessor processor = source.getChannelProcessor();
      processor.processEventBatch(batch);
      counter.addToEventAcceptedCount(n);
      counter.incrementAppendBatchAcceptedCount();
      if (ackEveryEvent) {
        ByteBuf acks = ctx.alloc().ioBuffer(3 * n);
        for (int i = 0; i < n; i++) {
          acks.writeMedium(OK_LINE);
        }
        write(ctx, acks);
      }
      return;
    } catch (ChannelException e) {
      counter.incrementChannelWriteFail();
      source.refusedLog().warn("Netcat source {}: the channels refused {} events from {}; "
          + "answered FAILED (counted as ChannelWriteFail): {}", source.getName(), n, peer,
          e.toString());
      failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    } catch (RuntimeException e) {
      counter.incrementGenericProcessingFail();
      LOG.error("Netcat source {}: delivering {} events from {} failed; answered FAILED",
          source.getName(), n, peer, e);
      failure = e.toString();
    }
    // one answer per line keeps line-by-line clients in step; the reason must stay on one line
    byte[] line = ("FAILED: " + failure.replace('\r', ' ').replace('\n', ' ') + "\n")
        .getBytes(encoding);
    ByteBuf answers = ctx.alloc().ioBuffer(line.length * n);
    for (int i = 0; i < n; i++) {
      answers.writeBytes(line);
    }
    write(ctx, answers);
  }

  private void write(ChannelHandlerContext ctx, ByteBuf data) {
    if (!ctx.channel().isActive()) {
      data.release(); // the client is gone; its lines were still delivered
      return;
    }
    ctx.write(data, ctx.voidPromise());
    wroteSinceFlush = true;
    if (!ctx.channel().isWritable()) {
      // the client is not reading its answers: stop reading its lines until it does
      ctx.channel().config().setAutoRead(false);
    }
  }
}
