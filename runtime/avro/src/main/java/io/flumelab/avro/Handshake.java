package io.flumelab.avro;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * Avro's IPC handshake, which precedes the first call on a connection (and every call until it
 * succeeds). The request names the client's protocol by MD5 and may carry its text; the response
 * says whether the server knows it ({@link Match#BOTH}, {@link Match#CLIENT}: the client must learn
 * the server's protocol) or not ({@link Match#NONE}: the call was not run, resend it with the
 * protocol text).
 *
 * <pre>
 * HandshakeRequest  {MD5 clientHash; union{null,string} clientProtocol; MD5 serverHash;
 *                    union{null,map&lt;bytes&gt;} meta}
 * HandshakeResponse {enum{BOTH,CLIENT,NONE} match; union{null,string} serverProtocol;
 *                    union{null,MD5} serverHash; union{null,map&lt;bytes&gt;} meta}
 * </pre>
 */
final class Handshake {

  enum Match { BOTH, CLIENT, NONE }

  record Request(byte[] clientHash, String clientProtocol, byte[] serverHash) {}

  record Response(Match match, String serverProtocol, byte[] serverHash) {}

  private static final int MD5_SIZE = 16;

  private Handshake() {}

  static void writeRequest(ByteBuf out, byte[] clientHash, String clientProtocol,
      byte[] serverHash) {
    out.writeBytes(clientHash);
    writeNullableString(out, clientProtocol);
    out.writeBytes(serverHash);
    out.writeByte(0); // meta: null
  }

  static Request readRequest(ByteBuf in) {
    byte[] clientHash = readMd5(in);
    String clientProtocol = readNullableString(in);
    byte[] serverHash = readMd5(in);
    skipNullableMeta(in);
    return new Request(clientHash, clientProtocol, serverHash);
  }

  /** The server's answer; the protocol and hash are sent unless the client already knows them. */
  static void writeResponse(ByteBuf out, Match match) {
    AvroBinary.writeLong(out, match.ordinal());
    if (match == Match.BOTH) {
      out.writeByte(0);
      out.writeByte(0);
    } else {
      writeNullableString(out, AvroProtocol.JSON);
      AvroBinary.writeLong(out, 1);
      out.writeBytes(AvroProtocol.MD5);
    }
    out.writeByte(0); // meta: null
  }

  static Response readResponse(ByteBuf in) {
    Match match = Match.values()[AvroBinary.readIndex(in, 3, "handshake match")];
    String serverProtocol = readNullableString(in);
    byte[] serverHash = AvroBinary.readIndex(in, 2, "union branch") == 0 ? null : readMd5(in);
    skipNullableMeta(in);
    return new Response(match, serverProtocol, serverHash);
  }

  /** The server's answer to a request, given the protocols it accepts. */
  static Match answer(Request request, boolean clientKnown) {
    if (!clientKnown) {
      return Match.NONE;
    }
    return Arrays.equals(request.serverHash(), AvroProtocol.MD5) ? Match.BOTH : Match.CLIENT;
  }

  private static byte[] readMd5(ByteBuf in) {
    if (in.readableBytes() < MD5_SIZE) {
      throw new AvroFormatException("the handshake ends inside an MD5 hash");
    }
    byte[] hash = new byte[MD5_SIZE];
    in.readBytes(hash);
    return hash;
  }

  private static String readNullableString(ByteBuf in) {
    return AvroBinary.readIndex(in, 2, "union branch") == 0 ? null : AvroBinary.readString(in);
  }

  private static void writeNullableString(ByteBuf out, String value) {
    if (value == null) {
      out.writeByte(0);
    } else {
      AvroBinary.writeLong(out, 1);
      AvroBinary.writeString(out, value);
    }
  }

  private static void skipNullableMeta(ByteBuf in) {
    if (AvroBinary.readIndex(in, 2, "union branch") == 1) {
      AvroBinary.skipBytesMap(in);
    }
  }
}
