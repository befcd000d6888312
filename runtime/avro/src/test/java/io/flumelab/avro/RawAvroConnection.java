package io.flumelab.avro;

import io.flumelab.api.Event;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;

/**
 * A blocking client socket that writes avro calls byte by byte as the test builds them, so tests
 * can send what no well-behaved client would (unknown messages, frames cut into chunks, frames
 * left unfinished).
 */
final class RawAvroConnection implements AutoCloseable {

  /** Avro's own clients cut a message into buffers of this size. */
  static final int CHUNK = 8192;

  private final Socket socket;
  private final DataOutputStream out;
  private final DataInputStream in;
  private int serial;

  RawAvroConnection(InetSocketAddress address) throws IOException {
    socket = new Socket(address.getAddress(), address.getPort());
    socket.setSoTimeout(20_000);
    out = new DataOutputStream(socket.getOutputStream());
    in = new DataInputStream(socket.getInputStream());
  }

  /** A first call: the handshake with our protocol's hash, then the call's head. */
  static ByteBuf handshakeAndCall(String message) {
    ByteBuf call = Unpooled.buffer();
    Handshake.writeRequest(call, AvroProtocol.MD5, null, AvroProtocol.MD5);
    Calls.writeRequestHead(call, message);
    return call;
  }

  static byte[] appendBatch(boolean handshake, List<Event> events) {
    ByteBuf call = handshake ? handshakeAndCall(AvroProtocol.APPEND_BATCH) : Unpooled.buffer();
    if (!handshake) {
      Calls.writeRequestHead(call, AvroProtocol.APPEND_BATCH);
    }
    EventCodec.writeBatch(call, events);
    return ByteBufUtil.getBytes(call);
  }

  /** Sends the bytes as they are, with no frame around them: what a non-avro client does. */
  void sendUnframed(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Sends the message as one frame in buffers of {@link #CHUNK} bytes. */
  void send(byte[] message) throws IOException {
    sendPart(message, message.length);
  }

  /** Sends the frame's header for the whole message but only its first {@code bytes}. */
  void sendPart(byte[] message, int bytes) throws IOException {
    int buffers = (message.length + CHUNK - 1) / CHUNK;
    out.writeInt(++serial);
    out.writeInt(buffers);
    for (int offset = 0; offset < bytes; offset += CHUNK) {
      int length = Math.min(CHUNK, message.length - offset);
      out.writeInt(length);
      out.write(message, offset, Math.min(length, bytes - offset));
    }
    out.flush();
  }

  /** The next response's message bytes, after the handshake response if {@code handshake}. */
  ByteBuf readResponse(boolean handshake) throws IOException {
    in.readInt(); // serial
    int buffers = in.readInt();
    ByteBuf body = Unpooled.buffer();
    for (int i = 0; i < buffers; i++) {
      byte[] chunk = new byte[in.readInt()];
      in.readFully(chunk);
      body.writeBytes(chunk);
    }
    if (handshake) {
      Handshake.readResponse(body);
    }
    return body;
  }

  /** Whether the source closed the connection (reads until the end, within the timeout). */
  boolean closedByServer() throws IOException {
    try {
      while (in.read() >= 0) {
        // what the source answered before closing does not matter here
      }
      return true;
    } catch (EOFException | java.net.SocketException e) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
