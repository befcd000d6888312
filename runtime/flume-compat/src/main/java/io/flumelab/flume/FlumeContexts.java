package io.flumelab.flume;

import io.flumelab.api.Context;

/** Configuration crossing to a Flume plugin: a Flume {@code Context} with the same keys. */
final class FlumeContexts {

  private FlumeContexts() {}

  /** Flume's context holding a copy of every key of ours (same names, same values). */
  static org.apache.flume.Context toFlume(Context ours) {
    return new org.apache.flume.Context(ours.getParameters());
  }

  /**
   * Configures {@code component} if it is Flume-{@code Configurable} (as Flume's
   * {@code Configurables.configure} does; nothing otherwise), with the thread's context class
   * loader set to the component's. What it throws, and a class or method it needs and cannot
   * find, is reported as a configuration error.
   */
  static void configure(Object component, Context ours) {
    if (!(component instanceof org.apache.flume.conf.Configurable configurable)) {
      return;
    }
    try (Tccl t = Tccl.of(component)) {
      configurable.configure(toFlume(ours));
    } catch (RuntimeException e) {
      throw FlumeErrors.configuration(e);
    } catch (LinkageError e) {
      throw FlumeErrors.linkage(component.getClass(), e);
    }
  }
}
