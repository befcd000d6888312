package io.flumelab.avro;

import io.flumelab.api.Event;
import io.flumelab.api.SimpleEvent;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Flume's {@code AvroFlumeEvent} ({@code map<string> headers; bytes body}) and arrays of it, in
 * Avro's binary encoding.
 */
final class EventCodec {

  private EventCodec() {}

  static Event readEvent(ByteBuf in) {
    Map<String, String> headers = null;
    for (int n = AvroBinary.readBlockCount(in); n > 0; n = AvroBinary.readBlockCount(in)) {
      if (headers == null) {
        headers = new HashMap<>(Math.max(4, n * 2));
      }
      for (int i = 0; i < n; i++) {
        String key = AvroBinary.readString(in);
        headers.put(key, AvroBinary.readString(in));
      }
    }
    SimpleEvent event = new SimpleEvent();
    if (headers != null) {
      event.setHeaders(headers);
    }
    event.setBody(AvroBinary.readBytes(in));
    return event;
  }

  static List<Event> readBatch(ByteBuf in) {
    List<Event> events = null;
    for (int n = AvroBinary.readBlockCount(in); n > 0; n = AvroBinary.readBlockCount(in)) {
      if (events == null) {
        events = new ArrayList<>(n);
      }
      for (int i = 0; i < n; i++) {
        events.add(readEvent(in));
      }
    }
    return events == null ? new ArrayList<>(0) : events;
  }

  static void writeEvent(ByteBuf out, Event event) {
    Map<String, String> headers = event.getHeaders();
    if (headers != null && !headers.isEmpty()) {
      AvroBinary.writeLong(out, headers.size());
      for (Map.Entry<String, String> header : headers.entrySet()) {
        AvroBinary.writeString(out, header.getKey());
        AvroBinary.writeString(out, header.getValue() == null ? "" : header.getValue());
      }
    }
    out.writeByte(0);
    byte[] body = event.getBody();
    AvroBinary.writeBytes(out, body == null ? new byte[0] : body);
  }

  static void writeBatch(ByteBuf out, List<Event> events) {
    if (!events.isEmpty()) {
      AvroBinary.writeLong(out, events.size());
      for (Event event : events) {
        writeEvent(out, event);
      }
    }
    out.writeByte(0);
  }
}
