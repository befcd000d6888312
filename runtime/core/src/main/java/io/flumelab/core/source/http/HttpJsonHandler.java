package io.flumelab.core.source.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.flumelab.api.Context;
import io.flumelab.api.Event;
import io.flumelab.api.EventBuilder;
import io.flumelab.core.spi.HttpBadRequestException;
import io.flumelab.core.spi.HttpSourceHandler;
import io.flumelab.core.spi.HttpSourceRequest;
import io.flumelab.core.spi.HttpUnsupportedMediaTypeException;
import io.flumelab.core.spi.WireText;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Flume's JSON handler: the body is an array of events,
 * {@code [{"headers":{"host":"h1"},"body":"text"}]}, in the charset of the Content-Type (UTF-8,
 * UTF-16 or UTF-32; UTF-8 if none is given). An event's body is its text encoded in that charset,
 * as in Flume. Header values and bodies may be strings, numbers or booleans (taken as their text);
 * a missing or null body is empty. Anything else is a bad request, with a message saying where.
 * A Content-Type that says the body is something else than JSON is refused before parsing (415).
 */
public class HttpJsonHandler implements HttpSourceHandler {

  private static final JsonFactory JSON = new JsonFactory();
  private static final Set<String> CHARSETS = Set.of("UTF-8", "UTF-16", "UTF-16BE", "UTF-16LE",
      "UTF-32", "UTF-32BE", "UTF-32LE");
  private static final String FORMAT = "send a JSON array of events such as "
      + "[{\"headers\":{\"host\":\"h1\"},\"body\":\"text\"}]";

  @Override
  public void configure(Context context) {
    // no settings, as in Flume
  }

  @Override
  public List<Event> getEvents(HttpSourceRequest request) {
    requireJson(request.headers().get("content-type"));
    Charset charset = charset(request.charset());
    // decoded as it is parsed: a body decoded to a String first would be held twice more
    Reader text = new InputStreamReader(new ByteArrayInputStream(request.body()), charset);
    try (JsonParser parser = JSON.createParser(text)) {
      return events(parser, charset);
    } catch (JsonProcessingException e) {
      throw new HttpBadRequestException("Request has invalid JSON syntax: "
          + e.getOriginalMessage() + " " + at(e.getLocation()), e);
    } catch (IOException e) {
      throw new HttpBadRequestException("Request could not be read: " + e.getMessage(), e);
    }
  }

  /**
   * Refuses a body its sender says is not JSON (text/plain, XML, a multipart form): parsed anyway,
   * it fails with a JSON syntax error that hides the real mistake. Flume's JSONHandler reads any
   * content type; FlumeLab keeps what can be JSON: the JSON types (application/json, text/json and
   * any +json type), no Content-Type at all (an HTTP/1.0 tool, or Flume's own clients), and
   * application/x-www-form-urlencoded, which {@code curl -d} sends unless told otherwise, so the
   * commonest way of trying the source by hand keeps working as it does with Flume.
   */
  private static void requireJson(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return;
    }
    int semicolon = contentType.indexOf(';');
    String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
        .trim().toLowerCase(Locale.ROOT);
    if (type.equals("application/json") || type.equals("text/json") || type.endsWith("+json")
        || type.equals("application/x-www-form-urlencoded")) {
      return;
    }
    throw new HttpUnsupportedMediaTypeException("Content-Type " + WireText.quote(contentType)
        + " is not JSON; the JSON handler reads a body sent as application/json, such as "
        + "[{\"headers\":{\"host\":\"h1\"},\"body\":\"text\"}]");
  }

  private static Charset charset(String name) {
    if (name == null) {
      return StandardCharsets.UTF_8;
    }
    if (!CHARSETS.contains(name.trim().toUpperCase(Locale.ROOT))) {
      throw new HttpBadRequestException("Unsupported charset " + WireText.quote(name)
          + ": the JSON handler reads UTF-8, UTF-16 and UTF-32 only");
    }
    return Charset.forName(name.trim());
  }

  private static List<Event> events(JsonParser parser, Charset charset) throws IOException {
    JsonToken first = parser.nextToken();
    if (first == null) {
      throw new HttpBadRequestException("The request has no body; " + FORMAT);
    }
    if (first != JsonToken.START_ARRAY) {
      throw bad(parser, "the body is not a JSON array; " + FORMAT);
    }
    List<Event> events = new ArrayList<>();
    for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY;
        token = parser.nextToken()) {
      if (token != JsonToken.START_OBJECT) {
        throw bad(parser, "event " + (events.size() + 1) + " is not a JSON object; " + FORMAT);
      }
      events.add(event(parser, charset, events.size() + 1));
    }
    if (parser.nextToken() != null) {
      throw bad(parser, "there is more after the closing ']'");
    }
    return events;
  }

  private static Event event(JsonParser parser, Charset charset, int number) throws IOException {
    Map<String, String> headers = new HashMap<>();
    String body = "";
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("headers")) {
        if (value == JsonToken.START_OBJECT) {
          headers(parser, headers, number);
        } else if (value != JsonToken.VALUE_NULL) {
          throw bad(parser, "\"headers\" of event " + number + " is not a JSON object");
        }
      } else if (field.equals("body")) {
        if (value == JsonToken.VALUE_NULL) {
          body = "";
        } else if (value.isScalarValue()) {
          body = parser.getText();
        } else {
          throw bad(parser, "\"body\" of event " + number + " is not a string");
        }
      } else {
        parser.skipChildren();
      }
    }
    return EventBuilder.withBody(body.getBytes(charset), headers);
  }

  private static void headers(JsonParser parser, Map<String, String> headers, int number)
      throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (value == JsonToken.VALUE_NULL) {
        continue;
      }
      if (!value.isScalarValue()) {
        throw bad(parser, "header \"" + name + "\" of event " + number + " is not a string");
      }
      headers.put(name, parser.getText());
    }
  }

  private static HttpBadRequestException bad(JsonParser parser, String reason) {
    return new HttpBadRequestException("Request is not a list of events: " + reason + " "
        + at(parser.currentLocation()));
  }

  private static String at(JsonLocation location) {
    return location == null ? ""
        : "(line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }
}
