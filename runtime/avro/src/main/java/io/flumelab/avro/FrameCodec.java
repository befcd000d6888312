package io.flumelab.avro;

import io.flumelab.core.spi.WireText;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * Avro's Netty framing: serial (int32), buffer count (int32), then that many buffers, each an
 * int32 length and its bytes. The buffers are arbitrary chunks of one message (empty ones occur),
 * so the decoder joins them into one {@link Frame}; the encoder sends a message as one buffer.
 *
 * <p>A frame larger than {@code maxFrameBytes} is a {@link FrameTooLongException}; a negative
 * count or length, or a connection that closes inside a frame, is an {@link AvroFormatException}:
 * the connection's handler drops it. On the server the bytes of frames being read come from the
 * source's {@link ReadBudget}: when it has none to give, the connection stops reading until it
 * has, and the handler gives a frame's bytes back once the frame is handled.
 */
final class FrameCodec extends CombinedChannelDuplexHandler<FrameCodec.Decoder, FrameCodec.Encoder> {

  /** What a frame may hold on the client side, which reads only answers: a tenth of the heap. */
  static final long DEFAULT_MAX_FRAME_BYTES = Math.min(Integer.MAX_VALUE - 8,
      Runtime.getRuntime().maxMemory() / 10);

  /** A client's codec: frames are limited in size but draw on no budget. */
  FrameCodec() {
    this(null, DEFAULT_MAX_FRAME_BYTES);
  }

  /** A server connection's codec, reading frames within the source's budget. */
  FrameCodec(ReadBudget budget) {
    this(budget, budget.maxFrameBytes());
  }

  private FrameCodec(ReadBudget budget, long maxFrameBytes) {
    super(new Decoder(budget, maxFrameBytes), new Encoder());
  }

  /** Whether the decoder waits for the budget (and so must not be told to read by others). */
  boolean awaitingBudget() {
    return inboundHandler().awaitingBudget;
  }

  /** A frame's declared size went beyond {@code maxFrameBytes}. */
  static final class FrameTooLongException extends AvroFormatException {
    private static final long serialVersionUID = 1L;
    final long declaredBytes;
    final long maxFrameBytes;

    FrameTooLongException(long declaredBytes, long maxFrameBytes) {
      super("a frame of at least " + declaredBytes + " bytes, above maxFrameBytes = "
          + maxFrameBytes);
      this.declaredBytes = declaredBytes;
      this.maxFrameBytes = maxFrameBytes;
    }
  }

  /** A client stopped sending in the middle of a frame (see {@code frameIdleTimeout}). */
  static final class FrameIdleException extends AvroFormatException {
    private static final long serialVersionUID = 1L;

    FrameIdleException() {
      super("the client sent nothing for a while in the middle of a call");
    }
  }

  static final class Decoder extends ByteToMessageDecoder implements ReadBudget.Reader {
    private final ReadBudget budget;
    private final long maxFrameBytes;
    private int serial;
    /** Buffers still to come in the current frame; -1 between frames. */
    private int buffersLeft = -1;
    /** Bytes still to come in the current buffer; -1 when its length is next. */
    private int bytesLeft = -1;
    private ByteBuf body;
    /** Bytes of the current frame granted by the budget. */
    private long granted;
    /** A frame was malformed: the rest of the connection is ignored while it closes. */
    private boolean failed;
    /** Reading stopped until the budget has bytes again; set and read on the I/O thread. */
    private volatile boolean awaitingBudget;
    private ChannelHandlerContext context;

    Decoder(ReadBudget budget, long maxFrameBytes) {
      this.budget = budget;
      this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
      context = ctx;
      super.handlerAdded(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
      if (failed) {
        in.skipBytes(in.readableBytes());
        return;
      }
      try {
        decodeFrames(ctx, in, out);
      } catch (RuntimeException e) {
        failed = true;
        release();
        in.skipBytes(in.readableBytes());
        throw e;
      }
    }

    private void decodeFrames(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
      while (true) {
        if (buffersLeft < 0) {
          if (in.readableBytes() < 8) {
            return;
          }
          if (isText(in, in.readerIndex(), 8)) {
            throw new AvroFormatException("text ("
                + WireText.quote(in.toString(in.readerIndex(), Math.min(in.readableBytes(), 40),
                    StandardCharsets.ISO_8859_1))
                + "): is a netcat, telnet or HTTP client pointed at the avro source's port?");
          }
          serial = in.readInt();
          buffersLeft = in.readInt();
          if (buffersLeft < 0) {
            throw new AvroFormatException("a frame of " + buffersLeft + " buffers");
          }
          body = ctx.alloc().buffer();
          granted = 0;
        }
        if (bytesLeft < 0 && buffersLeft > 0) {
          if (in.readableBytes() < 4) {
            return;
          }
          int length = in.readInt();
          if (length < 0) {
            throw new AvroFormatException("a frame buffer of " + length + " bytes");
          }
          if (body.readableBytes() + (long) length > maxFrameBytes) {
            throw new FrameTooLongException(body.readableBytes() + (long) length, maxFrameBytes);
          }
          bytesLeft = length;
        }
        if (bytesLeft > 0) {
          int take = Math.min(bytesLeft, in.readableBytes());
          if (take == 0) {
            return;
          }
          take = (int) reserve(ctx, take);
          if (take == 0) {
            return;
          }
          body.writeBytes(in, take);
          bytesLeft -= take;
          if (bytesLeft > 0) {
            return;
          }
        }
        if (buffersLeft > 0) {
          buffersLeft--;
          bytesLeft = -1;
        }
        if (buffersLeft == 0) {
          out.add(new Frame(serial, body, granted));
          if (budget != null) {
            budget.frameComplete(this);
          }
          body = null;
          granted = 0;
          buffersLeft = -1;
        }
        if (!in.isReadable()) {
          return;
        }
      }
    }

    /**
     * Whether a frame's serial and buffer count are printable text: no Avro client numbers a call
     * or counts buffers above 0x20202020, but "GET / HTTP" and a typed line read that way.
     */
    private static boolean isText(ByteBuf in, int from, int length) {
      for (int i = from; i < from + length; i++) {
        byte b = in.getByte(i);
        if ((b < 0x20 || b > 0x7e) && b != '\t' && b != '\r' && b != '\n') {
          return false;
        }
      }
      return true;
    }

    /** Up to {@code wanted} bytes from the budget; none stops reading until there are some. */
    private long reserve(ChannelHandlerContext ctx, long wanted) {
      if (budget == null) {
        return wanted;
      }
      long got = budget.reserve(this, wanted);
      granted += got;
      if (got < wanted && !awaitingBudget) {
        awaitingBudget = true;
        ctx.channel().config().setAutoRead(false);
      }
      return got;
    }

    @Override
    public void retry() {
      ChannelHandlerContext ctx = context;
      if (ctx != null) {
        try {
          ctx.executor().execute(() -> resume(ctx));
        } catch (RejectedExecutionException e) {
          // the source is stopping and its connections with it: nothing is left to read
        }
      }
    }

    /** On the I/O thread: decodes what was read but not yet granted, then reads on if it can. */
    private void resume(ChannelHandlerContext ctx) {
      if (!awaitingBudget || ctx.isRemoved() || !ctx.channel().isActive()) {
        return;
      }
      awaitingBudget = false;
      try {
        // an empty read makes ByteToMessageDecoder decode what it holds, in its usual way
        channelRead(ctx, Unpooled.EMPTY_BUFFER);
        channelReadComplete(ctx);
      } catch (Exception e) {
        ctx.fireExceptionCaught(e);
        return;
      }
      if (!awaitingBudget && ctx.channel().isWritable()) {
        ctx.channel().config().setAutoRead(true);
      }
    }

    /**
     * A connection idle in the middle of a frame holds budget that connections which do send
     * need: it is closed. One idle between calls, or waiting for the budget itself, is not.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
      if (event instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
        if (!failed && !awaitingBudget && (buffersLeft >= 0 || actualReadableBytes() > 0)) {
          failed = true;
          release();
          ctx.fireExceptionCaught(new FrameIdleException());
        }
        return;
      }
      super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
      if (awaitingBudget) {
        // ByteToMessageDecoder would ask for one more read when no frame came of this one:
        // exactly what waiting for the budget must not do
        ctx.fireChannelReadComplete();
        return;
      }
      super.channelReadComplete(ctx);
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
      decode(ctx, in, out);
      if (!failed && (buffersLeft >= 0 || in.isReadable())) {
        failed = true;
        release();
        in.skipBytes(in.readableBytes());
        throw new AvroFormatException("the connection closed in the middle of a frame");
      }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
      release();
    }

    private void release() {
      if (body != null) {
        body.release();
        body = null;
      }
      if (budget != null) {
        budget.abandon(this);
      }
      granted = 0;
      awaitingBudget = false;
      buffersLeft = -1;
      bytesLeft = -1;
    }
  }

  /** Writes the 12-byte header in front of the body, without copying the body. */
  static final class Encoder extends MessageToMessageEncoder<Frame> {

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, List<Object> out) {
      ByteBuf header = ctx.alloc().ioBuffer(12);
      header.writeInt(frame.serial());
      header.writeInt(1);
      header.writeInt(frame.body().readableBytes());
      out.add(header);
      out.add(frame.body());
    }
  }
}
