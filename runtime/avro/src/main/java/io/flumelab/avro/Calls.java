package io.flumelab.avro;

import io.netty.buffer.ByteBuf;

/**
 * The envelope of an Avro call after the handshake. A request is call metadata
 * ({@code map<bytes>}), the message name and its parameters; a response is metadata, an error
 * flag, then the {@link AvroProtocol.Status} or, for an error, {@code union{string}} with the
 * reason. An empty message name is a handshake-only "ping" with no response body.
 */
final class Calls {

  private Calls() {}

  static void writeRequestHead(ByteBuf out, String message) {
    out.writeByte(0); // no metadata
    AvroBinary.writeString(out, message);
  }

  /** Reads the metadata and returns the message name. */
  static String readRequestHead(ByteBuf in) {
    AvroBinary.skipBytesMap(in);
    return AvroBinary.readString(in);
  }

  static void writeStatus(ByteBuf out, AvroProtocol.Status status) {
    out.writeByte(0); // no metadata
    out.writeByte(0); // not an error
    AvroBinary.writeLong(out, status.ordinal());
  }

  static void writeError(ByteBuf out, String reason) {
    out.writeByte(0); // no metadata
    out.writeByte(1); // an error
    out.writeByte(0); // union branch 0: string
    AvroBinary.writeString(out, reason);
  }

  /** The status of a response; an error response throws {@link RemoteError}. */
  static AvroProtocol.Status readStatus(ByteBuf in) {
    AvroBinary.skipBytesMap(in);
    if (AvroBinary.readBoolean(in)) {
      AvroBinary.readIndex(in, 1, "error branch");
      throw new RemoteError(AvroBinary.readString(in));
    }
    return AvroProtocol.Status.values()[AvroBinary.readIndex(in, 3, "status")];
  }

  /** An error the remote side answered instead of a status. */
  static final class RemoteError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RemoteError(String message) {
      super(message);
    }
  }
}
