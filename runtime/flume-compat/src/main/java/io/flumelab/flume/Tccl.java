package io.flumelab.flume;

/**
 * Sets the calling thread's context class loader to a plugin's for the length of a call into the
 * plugin, and restores it after: {@code try (Tccl t = Tccl.of(plugin)) { plugin.start(); }}.
 *
 * <p>On Apache Flume the context class loader saw every jar of the flat class path, and plugin
 * libraries rely on it (Hibernate, JDBC's ServiceLoader, thread factories): a plugin running in a
 * loader of its own must find its own jars there. Threads a plugin starts during such a call
 * inherit its loader.
 */
final class Tccl implements AutoCloseable {

  /** What a call returns when the loader was already set: closing it changes nothing. */
  private static final Tccl UNCHANGED = new Tccl(null, null);

  private final Thread thread;
  private final ClassLoader previous;

  private Tccl(Thread thread, ClassLoader previous) {
    this.thread = thread;
    this.previous = previous;
  }

  /** Sets the loader that defined {@code component}'s class. */
  static Tccl of(Object component) {
    return with(component.getClass().getClassLoader());
  }

  /** Sets {@code loader}; a null loader (the JDK's classes) leaves the thread's as it is. */
  static Tccl with(ClassLoader loader) {
    Thread current = Thread.currentThread();
    ClassLoader previous = current.getContextClassLoader();
    if (loader == null || loader == previous) {
      return UNCHANGED;
    }
    current.setContextClassLoader(loader);
    return new Tccl(current, previous);
  }

  @Override
  public void close() {
    if (thread != null) {
      thread.setContextClassLoader(previous);
    }
  }
}
