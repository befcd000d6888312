package io.flumelab.core.spi;

import io.flumelab.api.Configurable;
import io.flumelab.api.Event;
import java.util.List;

/**
 * Turns an http source request into events; FlumeLab's counterpart of Flume's
 * HTTPSourceHandler, which is tied to servlets. A handler is named by the source's {@code handler}
 * key, needs a public no-argument constructor, and gets the {@code handler.*} keys (without the
 * prefix) in {@link #configure}. All events of one request go to the channels in one transaction.
 */
public interface HttpSourceHandler extends Configurable {

  /**
   * The events a request carries.
   *
   * @throws HttpBadRequestException if the request is malformed; the client gets 400 and the
   *     message
   */
  List<Event> getEvents(HttpSourceRequest request) throws HttpBadRequestException;
}
