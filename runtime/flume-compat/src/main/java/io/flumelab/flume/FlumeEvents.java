package io.flumelab.flume;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Events crossing between FlumeLab and a Flume plugin, as views that share the original's headers
 * map and body: nothing is copied. Unwrapping a view gives back the very object that was wrapped,
 * so a Flume sink takes the {@code SimpleEvent} a Flume source put, as from Flume's memory channel.
 */
final class FlumeEvents {

  private FlumeEvents() {}

  /** Flume's view of one of our events; the wrapped Flume event itself if it is a view. */
  static org.apache.flume.Event toFlume(io.flumelab.api.Event event) {
    if (event == null) {
      return null;
    }
    return event instanceof FlumeAsOurs view ? view.flume : new OursAsFlume(event);
  }

  /** Our view of a Flume event; the wrapped event of ours itself if it is a view. */
  static io.flumelab.api.Event toOurs(org.apache.flume.Event event) {
    if (event == null) {
      return null;
    }
    return event instanceof OursAsFlume view ? view.ours : new FlumeAsOurs(event);
  }

  /** A new list of Flume views, in order; null elements stay null. */
  static List<org.apache.flume.Event> toFlume(List<io.flumelab.api.Event> events) {
    if (events == null) {
      return null;
    }
    List<org.apache.flume.Event> views = new ArrayList<>(events.size());
    for (io.flumelab.api.Event event : events) {
      views.add(toFlume(event));
    }
    return views;
  }

  /** A new list of our views, in order; null elements stay null. */
  static List<io.flumelab.api.Event> toOurs(List<org.apache.flume.Event> events) {
    if (events == null) {
      return null;
    }
    List<io.flumelab.api.Event> views = new ArrayList<>(events.size());
    for (org.apache.flume.Event event : events) {
      views.add(toOurs(event));
    }
    return views;
  }

  /** One of our events seen by Flume code. */
  static final class OursAsFlume implements org.apache.flume.Event {

    final io.flumelab.api.Event ours;

    OursAsFlume(io.flumelab.api.Event ours) {
      this.ours = ours;
    }

    @Override
    public Map<String, String> getHeaders() {
      return ours.getHeaders();
    }

    @Override
    public void setHeaders(Map<String, String> headers) {
      ours.setHeaders(headers);
    }

    @Override
    public byte[] getBody() {
      return ours.getBody();
    }

    @Override
    public void setBody(byte[] body) {
      ours.setBody(body);
    }

    @Override
    public String toString() {
      return ours.toString();
    }
  }

  /** A Flume plugin's event seen by FlumeLab. */
  static final class FlumeAsOurs implements io.flumelab.api.Event {

    final org.apache.flume.Event flume;

    FlumeAsOurs(org.apache.flume.Event flume) {
      this.flume = flume;
    }

    @Override
    public Map<String, String> getHeaders() {
      return flume.getHeaders();
    }

    @Override
    public void setHeaders(Map<String, String> headers) {
      flume.setHeaders(headers);
    }

    @Override
    public byte[] getBody() {
      return flume.getBody();
    }

    @Override
    public void setBody(byte[] body) {
      flume.setBody(body);
    }

    @Override
    public String toString() {
      return flume.toString();
    }
  }
}
