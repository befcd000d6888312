package io.flumelab.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flumelab.api.Event;
import io.flumelab.api.EventBuilder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The encodings, byte for byte where Avro defines them. */
class ProtocolTest {

  @Test
  void protocolHashIsFlumeOneElevensHash() {
    assertThat(HexFormat.of().formatHex(AvroProtocol.MD5))
        .isEqualTo("86aadae2c45474c0fe93ffd0f2350a65");
    assertThat(AvroProtocol.isFlumeProtocol(AvroProtocol.JSON)).isTrue();
    assertThat(AvroProtocol.isFlumeProtocol("{\"protocol\":\"Other\"}")).isFalse();
  }

  @Test
  void varintsAreZigZag() {
    ByteBuf buf = Unpooled.buffer();
    for (long v : new long[] {0, -1, 1, 63, -64, 64, 300, Long.MAX_VALUE, Long.MIN_VALUE}) {
      AvroBinary.writeLong(buf, v);
      assertThat(AvroBinary.readLong(buf)).isEqualTo(v);
    }
    AvroBinary.writeLong(buf, -3);
    assertThat(buf.readByte()).isEqualTo((byte) 5);
  }

  @Test
  void eventsRoundTripAndGarbageIsRejected() {
    ByteBuf buf = Unpooled.buffer();
    List<Event> events = List.of(EventBuilder.withBody("a".getBytes(StandardCharsets.UTF_8),
        Map.of("k", "v")), EventBuilder.withBody(new byte[0]));
    EventCodec.writeBatch(buf, events);
    List<Event> read = EventCodec.readBatch(buf);
    assertThat(read).hasSize(2);
    assertThat(read.get(0).getHeaders()).isEqualTo(Map.of("k", "v"));
    assertThat(read.get(0).getBody()).isEqualTo("a".getBytes(StandardCharsets.UTF_8));
    assertThat(buf.isReadable()).isFalse();
    assertThatThrownBy(() -> EventCodec.readBatch(Unpooled.wrappedBuffer(new byte[] {(byte) 0xfe,
        (byte) 0xff, 0x7f}))).isInstanceOf(AvroFormatException.class);
  }

  @Test
  void framesJoinChunksIncludingEmptyOnes() {
    EmbeddedChannel channel = new EmbeddedChannel(new FrameCodec());
    ByteBuf wire = Unpooled.buffer();
    wire.writeInt(7).writeInt(3);
    wire.writeInt(2).writeBytes(new byte[] {1, 2});
    wire.writeInt(0);
    wire.writeInt(1).writeByte(3);
    // delivered a byte at a time: a frame may arrive in any pieces
    while (wire.isReadable()) {
      channel.writeInbound(wire.readRetainedSlice(1));
    }
    Frame frame = channel.readInbound();
    assertThat(frame.serial()).isEqualTo(7);
    assertThat(ByteBufUtilBytes.of(frame.body())).containsExactly(1, 2, 3);
    frame.body().release();
    wire.release();
    channel.finishAndReleaseAll();
  }

  @Test
  void handshakeAnswersNoneForAnUnknownClientAndBothForOurs() {
    Handshake.Request unknown = new Handshake.Request(new byte[16], null, AvroProtocol.MD5);
    assertThat(Handshake.answer(unknown, false)).isEqualTo(Handshake.Match.NONE);
    Handshake.Request ours = new Handshake.Request(AvroProtocol.MD5, null, AvroProtocol.MD5);
    assertThat(Handshake.answer(ours, true)).isEqualTo(Handshake.Match.BOTH);
    Handshake.Request guessed = new Handshake.Request(AvroProtocol.MD5, null, new byte[16]);
    assertThat(Handshake.answer(guessed, true)).isEqualTo(Handshake.Match.CLIENT);

    ByteBuf buf = Unpooled.buffer();
    Handshake.writeRequest(buf, AvroProtocol.MD5, AvroProtocol.JSON, new byte[16]);
    Handshake.Request read = Handshake.readRequest(buf);
    assertThat(read.clientProtocol()).isEqualTo(AvroProtocol.JSON);
    Handshake.writeResponse(buf, Handshake.Match.CLIENT);
    Handshake.Response response = Handshake.readResponse(buf);
    assertThat(response.match()).isEqualTo(Handshake.Match.CLIENT);
    assertThat(response.serverHash()).isEqualTo(AvroProtocol.MD5);
  }

  /** Copies a buffer's readable bytes. */
  static final class ByteBufUtilBytes {
    static byte[] of(ByteBuf buf) {
      byte[] bytes = new byte[buf.readableBytes()];
      buf.getBytes(buf.readerIndex(), bytes);
      return bytes;
    }
  }
}
