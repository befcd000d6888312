package io.flumelab.avro;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;

/**
 * Avro's Netty framing: serial (int32), buffer count (int32), then that many buffers, each an
 * int32 length and its bytes. The buffers are arbitrary chunks of one message (empty ones occur),
 * so the decoder joins them into one {@link Frame}; the encoder sends a message as one buffer.
 *
 * <p>A frame larger than {@code maxFrameBytes}, a negative count or length, or a connection that
 * closes inside a frame is an {@link AvroFormatException}: the connection's handler drops it.
 */
final class FrameCodec extends CombinedChannelDuplexHandler<FrameCodec.Decoder, FrameCodec.Encoder> {

  /** What a frame may hold: a tenth of the heap, as Avro's own transport allows. */
  static final long DEFAULT_MAX_FRAME_BYTES = Math.min(Integer.MAX_VALUE - 8,
      Runtime.getRuntime().maxMemory() / 10);

  FrameCodec(long maxFrameBytes) {
    super(new Decoder(maxFrameBytes), new Encoder());
  }

  FrameCodec() {
    this(DEFAULT_MAX_FRAME_BYTES);
  }

  static final class Decoder extends ByteToMessageDecoder {
    private final long maxFrameBytes;
    private int serial;
    /** Buffers still to come in the current frame; -1 between frames. */
    private int buffersLeft = -1;
    /** Bytes still to come in the current buffer; -1 when its length is next. */
    private int bytesLeft = -1;
    private ByteBuf body;
    /** A frame was malformed: the rest of the connection is ignored while it closes. */
    private boolean failed;

    Decoder(long maxFrameBytes) {
      this.maxFrameBytes = maxFrameBytes;
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
          serial = in.readInt();
          buffersLeft = in.readInt();
          if (buffersLeft < 0) {
            throw new AvroFormatException("a frame of " + buffersLeft + " buffers");
          }
          body = ctx.alloc().buffer();
        }
        if (bytesLeft < 0 && buffersLeft > 0) {
          if (in.readableBytes() < 4) {
            return;
          }
          int length = in.readInt();
          if (length < 0 || body.readableBytes() + (long) length > maxFrameBytes) {
            throw new TooLongFrameException("a frame buffer of " + length + " bytes after "
                + body.readableBytes() + " (the limit is " + maxFrameBytes + ")");
          }
          bytesLeft = length;
        }
        if (bytesLeft > 0) {
          int take = Math.min(bytesLeft, in.readableBytes());
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
          out.add(new Frame(serial, body));
          body = null;
          buffersLeft = -1;
        }
        if (!in.isReadable()) {
          return;
        }
      }
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
