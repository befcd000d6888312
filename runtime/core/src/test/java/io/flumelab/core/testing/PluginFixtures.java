package io.flumelab.core.testing;

import java.nio.file.Path;
import java.util.Map;

/**
 * Sources of plugins the tests compile into plugins.d, and a foreign plugin API ("Test API 1.0",
 * package {@code org.example.foreign}) with its {@link io.flumelab.core.spi.ForeignApi} in a
 * compatibility directory: the agent's own SPI, implemented here as a module would.
 */
public final class PluginFixtures {

  private PluginFixtures() {}

  /** A pollable source making {@code count} events "event-0"... then backing off. */
  public static final String COUNTING_SOURCE = """
      package demo;
      import io.flumelab.api.*;
      public class CountingSource extends AbstractSource implements PollableSource, Configurable {
        private int count;
        private int made;
        public void configure(Context context) { count = context.getInteger("count", 3); }
        public Status process() {
          if (made == count) { return Status.BACKOFF; }
          getChannelProcessor().processEvent(EventBuilder.withBody(("event-" + made++).getBytes()));
          return Status.READY;
        }
        public long getBackOffSleepIncrement() { return 100; }
        public long getMaxBackOffSleepInterval() { return 100; }
      }
      """;

  /** A sink that keeps the bodies it took: {@code bodies()}. */
  public static final String KEEPING_SINK = """
      package demo;
      import io.flumelab.api.*;
      import java.util.List;
      import java.util.concurrent.CopyOnWriteArrayList;
      public class KeepingSink extends AbstractSink {
        private final List<String> bodies = new CopyOnWriteArrayList<>();
        public List<String> bodies() { return bodies; }
        public Status process() {
          Transaction tx = getChannel().getTransaction();
          tx.begin();
          try {
            Event event = getChannel().take();
            if (event != null) { bodies.add(new String(event.getBody())); }
            tx.commit();
            return event == null ? Status.BACKOFF : Status.READY;
          } finally {
            tx.close();
          }
        }
      }
      """;

  /** Upper-cases bodies; named by its builder, {@code demo.Shout$Builder}. */
  public static final String SHOUT_INTERCEPTOR = """
      package demo;
      import io.flumelab.api.*;
      import java.util.List;
      public class Shout implements Interceptor {
        public void initialize() {}
        public Event intercept(Event e) { e.setBody(new String(e.getBody()).toUpperCase().getBytes()); return e; }
        public List<Event> intercept(List<Event> events) { events.forEach(this::intercept); return events; }
        public void close() {}
        public static class Builder implements Interceptor.Builder {
          public void configure(Context context) {}
          public Interceptor build() { return new Shout(); }
        }
      }
      """;

  /** The foreign API's own types: what its plugins are compiled against. */
  public static final Map<String, String> FOREIGN_API = Map.of(
      "org.example.foreign.Source", """
          package org.example.foreign;
          /** A source of the test API: next() gives a line, or null when it has none. */
          public interface Source { String next(); }
          """,
      "org.example.foreign.Lazy", """
          package org.example.foreign;
          public interface Lazy extends Source {}
          """);

  /** The test API's {@code ForeignApi} and its source adapter. */
  public static final Map<String, String> FOREIGN_ADAPTERS = Map.of(
      "org.example.compat.TestForeignApi", """
          package org.example.compat;
          import io.flumelab.core.spi.*;
          import java.nio.charset.StandardCharsets;
          import java.util.*;
          import java.util.concurrent.CopyOnWriteArrayList;
          import java.util.function.Predicate;
          public class TestForeignApi implements ForeignApi {
            public static final List<String> REWRITTEN = new CopyOnWriteArrayList<>();
            public String displayName() { return "Test API 1.0"; }
            public boolean referencedBy(byte[] classFile) {
              return new String(classFile, StandardCharsets.ISO_8859_1).contains("org/example/foreign/");
            }
            public Optional<String> role(ComponentKind kind, Class<?> type) {
              return kind == ComponentKind.SOURCE && org.example.foreign.Source.class.isAssignableFrom(type)
                  ? Optional.of("a Test API source") : Optional.empty();
            }
            public String unusable(ComponentKind kind, Class<?> type) {
              return org.example.foreign.Lazy.class.isAssignableFrom(type)
                  ? "a lazy source never gives a line, so nothing would run it" : null;
            }
            public List<String> implemented(Class<?> type) {
              List<String> names = new ArrayList<>();
              for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                for (Class<?> i : c.getInterfaces()) {
                  if (i.getName().startsWith("org.example.foreign.")) { names.add(i.getName()); }
                }
              }
              return names;
            }
            public Object create(ComponentKind kind, Class<?> type) throws ReflectiveOperationException {
              return new SourceAdapter((org.example.foreign.Source) type.getDeclaredConstructor().newInstance());
            }
            public <T> T adapt(Class<T> api, Class<?> type) { return null; }
            public List<ComponentCounter> counters(Predicate<ClassLoader> ofThisAgent) {
              if (!ofThisAgent.test(getClass().getClassLoader())) { return List.of(); }
              return List.of(new SourceCounter("foreign-kept") {
                @Override public boolean registersItself() { return true; }
              });
            }
            /** Records each class; turns the constant BEFORE into AFTER! (same length). */
            public byte[] rewrite(String className, byte[] classFile) {
              REWRITTEN.add(className);
              String text = new String(classFile, StandardCharsets.ISO_8859_1);
              return text.contains("BEFORE")
                  ? text.replace("BEFORE", "AFTER!").getBytes(StandardCharsets.ISO_8859_1) : null;
            }
          }
          """,
      "org.example.compat.SourceAdapter", """
          package org.example.compat;
          import io.flumelab.api.*;
          public class SourceAdapter extends AbstractSource implements PollableSource {
            private final org.example.foreign.Source foreign;
            SourceAdapter(org.example.foreign.Source foreign) { this.foreign = foreign; }
            public org.example.foreign.Source foreign() { return foreign; }
            public Status process() {
              String line = foreign.next();
              if (line == null) { return Status.BACKOFF; }
              getChannelProcessor().processEvent(EventBuilder.withBody(line.getBytes()));
              return Status.READY;
            }
            public long getBackOffSleepIncrement() { return 100; }
            public long getMaxBackOffSleepInterval() { return 100; }
          }
          """);

  /** A source written against the test API: three lines. */
  public static final String FOREIGN_SOURCE = """
      package demo;
      public class ForeignSource implements org.example.foreign.Source {
        private int made;
        public String next() { return made < 3 ? "foreign-" + made++ : null; }
      }
      """;

  /**
   * Writes the test API's compatibility directory: its API jar and its adapters' jar, registered
   * as a {@code ForeignApi} service. Returns the directory.
   */
  public static Path compatDir(Path dir) {
    Path api = PluginJars.jar(dir.resolve("test-api-1.0.jar"), FOREIGN_API);
    PluginJars.jar(dir.resolve("test-compat.jar"), FOREIGN_ADAPTERS, Map.of(
        "META-INF/services/io.flumelab.core.spi.ForeignApi", "org.example.compat.TestForeignApi\n"),
        api);
    return dir;
  }

  /** The test API's jar, to compile plugins written against it. */
  public static Path foreignApiJar(Path compatDir) {
    return compatDir.resolve("test-api-1.0.jar");
  }
}
