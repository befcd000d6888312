package io.flumelab.avro;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Flume's {@code AvroSourceProtocol}: its JSON text, exactly as Flume 1.11's Avro renders it, and
 * the MD5 of that text, which identifies the protocol in Avro's handshake. A client whose hash
 * matches is served on its first call without sending its protocol.
 *
 * <p>The protocol: {@code append(AvroFlumeEvent)} and {@code appendBatch(array<AvroFlumeEvent>)},
 * both answering a {@link Status}; an event is {@code map<string> headers; bytes body}.
 */
final class AvroProtocol {

  static final String NAME = "AvroSourceProtocol";
  static final String NAMESPACE = "org.apache.flume.source.avro";
  static final String APPEND = "append";
  static final String APPEND_BATCH = "appendBatch";
  static final String JSON = load();
  static final byte[] MD5 = md5(JSON);

  /** Flume's {@code Status} enum, in its order on the wire. */
  enum Status { OK, FAILED, UNKNOWN }

  private AvroProtocol() {}

  /** Whether a peer's protocol text is Flume's protocol (possibly rendered by another Avro). */
  static boolean isFlumeProtocol(String json) {
    String compact = json.replaceAll("\\s", "");
    return compact.contains("\"protocol\":\"" + NAME + "\"")
        && compact.contains("\"namespace\":\"" + NAMESPACE + "\"");
  }

  static byte[] md5(String text) {
    try {
      return MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no MD5", e);
    }
  }

  private static String load() {
    try (InputStream in = AvroProtocol.class.getResourceAsStream("AvroSourceProtocol.avpr")) {
      if (in == null) {
        throw new IllegalStateException("AvroSourceProtocol.avpr is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
