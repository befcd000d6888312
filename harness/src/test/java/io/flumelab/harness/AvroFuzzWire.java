package io.flumelab.harness;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * Flume's avro protocol written byte by byte, as the avro source fuzz test needs it: well-formed
 * calls to mutate and to send, and a blocking client for the calls whose answers count. Written
 * from Avro's specification (zig-zag varints, Netty framing) rather than with the project's client,
 * so the test can send what no client would and shares no code with the source it tests.
 */
final class AvroFuzzWire {

  /** MD5 of Flume 1.11's AvroSourceProtocol text: the hash the source knows. */
  static final byte[] PROTOCOL_MD5 = HexFormat.of().parseHex("86aadae2c45474c0fe93ffd0f2350a65");
  /** Avro's clients cut a message into buffers of this size. */
  static final int CHUNK = 8192;

  private AvroFuzzWire() {}

  static void writeLong(ByteArrayOutputStream out, long value) {
    long n = (value << 1) ^ (value >> 63);
    while ((n & ~0x7FL) != 0) {
      out.write((int) ((n & 0x7F) | 0x80));
      n >>>= 7;
    }
    out.write((int) n);
  }

  static void writeBytes(ByteArrayOutputStream out, byte[] value) {
    writeLong(out, value.length);
    out.writeBytes(value);
  }

  static void writeString(ByteArrayOutputStream out, String value) {
    writeBytes(out, value.getBytes(StandardCharsets.UTF_8));
  }

  /** A handshake request naming Flume's protocol by hash (protocol text: null, meta: null). */
  static void writeHandshake(ByteArrayOutputStream out, byte[] clientHash, byte[] serverHash) {
    out.writeBytes(clientHash);
    out.write(0);
    out.writeBytes(serverHash);
    out.write(0);
  }

  /** A call: no metadata, the message name, then {@code params} as they are. */
  static byte[] call(boolean handshake, String message, byte[] params) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (handshake) {
      writeHandshake(out, PROTOCOL_MD5, PROTOCOL_MD5);
    }
    out.write(0);
    writeString(out, message);
    out.writeBytes(params);
    return out.toByteArray();
  }

  /** appendBatch's parameter: events with no headers and these bodies. */
  static byte[] batch(List<String> bodies) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeLong(out, bodies.size());
    for (String body : bodies) {
      out.write(0); // no headers
      writeString(out, body);
    }
    out.write(0);
    return out.toByteArray();
  }

  /** The message framed as Avro's Netty transport frames it: serial, buffer count, buffers. */
  static byte[] frame(int serial, byte[] message) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(message.length + 64);
    DataOutputStream out = new DataOutputStream(bytes);
    try {
      int buffers = (message.length + CHUNK - 1) / CHUNK;
      out.writeInt(serial);
      out.writeInt(buffers);
      for (int offset = 0; offset < message.length; offset += CHUNK) {
        int length = Math.min(CHUNK, message.length - offset);
        out.writeInt(length);
        out.write(message, offset, length);
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return bytes.toByteArray();
  }

  /** One connection making appendBatch calls one at a time and reading each answer. */
  static final class Client implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private boolean handshaken;
    private int serial;

    Client(int port, int timeoutMillis) throws IOException {
      socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(timeoutMillis);
      in = new DataInputStream(socket.getInputStream());
    }

    /** Whether the source answered OK: its events are then committed to its channel. */
    boolean appendBatch(List<String> bodies) throws IOException {
      boolean handshaking = !handshaken;
      socket.getOutputStream().write(frame(++serial,
          call(handshaking, "appendBatch", batch(bodies))));
      in.readInt(); // serial: one call at a time
      int buffers = in.readInt();
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      for (int i = 0; i < buffers; i++) {
        byte[] chunk = new byte[in.readInt()];
        in.readFully(chunk);
        body.writeBytes(chunk);
      }
      Reader response = new Reader(body.toByteArray());
      if (handshaking) {
        long match = response.readLong();
        if (response.readLong() == 1) {
          response.skip(response.readLong()); // the server's protocol text
        }
        if (response.readLong() == 1) {
          response.skip(16); // the server's hash
        }
        if (response.readLong() == 1) {
          throw new IOException("unexpected handshake metadata");
        }
        if (match == 2) {
          throw new IOException("the source does not know Flume's protocol hash");
        }
        handshaken = true;
      }
      if (response.readLong() != 0) {
        throw new IOException("unexpected call metadata");
      }
      if (response.readByte() != 0) {
        throw new IOException("the source answered an error");
      }
      return response.readLong() == 0;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private static final class Reader {
    private final byte[] bytes;
    private int position;

    Reader(byte[] bytes) {
      this.bytes = bytes;
    }

    int readByte() throws IOException {
      if (position >= bytes.length) {
        throw new IOException("the answer ended early");
      }
      return bytes[position++];
    }

    long readLong() throws IOException {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int b = readByte();
        value |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return (value >>> 1) ^ -(value & 1);
        }
      }
      throw new IOException("a varint longer than 10 bytes");
    }

    void skip(long n) {
      position += (int) n;
    }
  }
}
