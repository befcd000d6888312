package io.flumelab.harness;

import java.nio.charset.StandardCharsets;

/**
 * What the logger sink prints for an event, in Flume's layout:
 * {@code Event: { headers:{} body: 68 65 6C 6C 6F                                  hello }}.
 * The body shows at most 16 bytes (the sink's default {@code maxBytesToLog}): their hex codes,
 * padded to 16 columns, then the same bytes as text with anything unprintable shown as a dot.
 */
public final class LoggerSinkOutput {

  private static final int MAX_BYTES = 16;

  private LoggerSinkOutput() {}

  /** The whole line for an event without headers. */
  public static String eventLine(String body) {
    return eventLine("{}", body);
  }

  /** The whole line for an event; {@code headers} as Java prints a map, e.g. {@code {type=CZ}}. */
  public static String eventLine(String headers, String body) {
    return "Event: { headers:" + headers + " body: " + dump(body) + " }";
  }

  /** The start of the line for an event whose body starts with the text. */
  public static String eventPrefix(String bodyStart) {
    StringBuilder hex = new StringBuilder();
    for (byte b : bodyStart.getBytes(StandardCharsets.UTF_8)) {
      hex.append(String.format("%02X ", b));
    }
    return "body: " + hex.toString().trim();
  }

  private static String dump(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (bytes.length == 0) {
      return "";
    }
    int shown = Math.min(bytes.length, MAX_BYTES);
    StringBuilder hex = new StringBuilder();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < shown; i++) {
      hex.append(String.format("%02X ", bytes[i]));
      text.append(bytes[i] >= 32 && bytes[i] < 127 ? (char) bytes[i] : '.');
    }
    return String.format("%-" + (MAX_BYTES * 3) + "s", hex) + text;
  }
}
