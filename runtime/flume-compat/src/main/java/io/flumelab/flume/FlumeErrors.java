package io.flumelab.flume;

import io.flumelab.api.ConfigurationException;

/**
 * Exceptions crossing between FlumeLab and a Flume plugin, each turned into what the other side
 * catches. Flume's {@code ChannelException} extends {@code RuntimeException} (not
 * {@code FlumeException}, unlike ours), so a Flume source's {@code catch (ChannelException)} sees
 * only Flume's type; "full" stays {@code ChannelFullException}, which is-a Flume
 * {@code ChannelException}, so both {@code catch} clauses a plugin may write see it.
 */
final class FlumeErrors {

  private FlumeErrors() {}

  /**
   * What a Flume source gets when FlumeLab's channel processor refused its events: Flume's
   * {@code ChannelFullException} or {@code ChannelException}, ours as the cause.
   */
  static RuntimeException toFlume(RuntimeException ours) {
    if (ours instanceof org.apache.flume.ChannelException flumes) {
      return flumes;
    }
    if (ours instanceof io.flumelab.api.ChannelFullException) {
      return new org.apache.flume.ChannelFullException(ours.getMessage(), ours);
    }
    if (ours instanceof io.flumelab.api.ChannelException) {
      return new org.apache.flume.ChannelException(ours.getMessage(), ours);
    }
    return new org.apache.flume.ChannelException("Unable to put events on a required channel: " + ours,
        ours);
  }

  /**
   * What a Flume sink gets from a channel or transaction of ours: channel exceptions as Flume's
   * types; anything else (an {@code IllegalStateException} for a transaction used out of order,
   * as Flume's channels throw) as it is.
   */
  static RuntimeException fromChannel(RuntimeException ours) {
    if (ours instanceof io.flumelab.api.ChannelFullException) {
      return new org.apache.flume.ChannelFullException(ours.getMessage(), ours);
    }
    if (ours instanceof io.flumelab.api.ChannelException) {
      return new org.apache.flume.ChannelException(ours.getMessage(), ours);
    }
    return ours;
  }

  /** What a Flume plugin's {@code process()} threw, as ours. */
  static io.flumelab.api.EventDeliveryException toOurs(org.apache.flume.EventDeliveryException e) {
    return new io.flumelab.api.EventDeliveryException(e.getMessage(), e);
  }

  /** What a FlumeLab sink's {@code process()} threw, as Flume's (for Flume's sink selectors). */
  static org.apache.flume.EventDeliveryException toFlume(io.flumelab.api.EventDeliveryException e) {
    return new org.apache.flume.EventDeliveryException(e.getMessage(), e);
  }

  /**
   * What a Flume plugin's {@code configure()} threw, as our {@link ConfigurationException}, so the
   * agent reports it at the component's type line: Flume's {@code ConfigurationException}, the
   * {@code IllegalArgumentException} of {@code Configurables.ensureRequiredNonNull} and any other
   * runtime exception ({@code BasicSourceSemantics} rethrows whatever {@code doConfigure} threw).
   * A {@code NumberFormatException} stays itself: the agent finds the key whose value it quotes.
   */
  static RuntimeException configuration(RuntimeException e) {
    if (e instanceof ConfigurationException || e instanceof NumberFormatException) {
      return e;
    }
    String message = e.getMessage() != null && !e.getMessage().isBlank()
        && !(e instanceof NullPointerException) ? e.getMessage() : "configure() threw " + e;
    ConfigurationException ours = new ConfigurationException(null, message, null);
    ours.initCause(e);
    return ours;
  }

  /**
   * A class or method the plugin's {@code configure()} needs and its class loader cannot find: a
   * library that Flume's {@code lib/} held and the plugin did not bring, or one of another
   * version than it was compiled against.
   */
  static ConfigurationException linkage(Class<?> plugin, LinkageError e) {
    ConfigurationException ours;
    if (e instanceof NoClassDefFoundError) {
      String missing = String.valueOf(e.getMessage()).replace('/', '.');
      ours = new ConfigurationException(null, "class '" + plugin.getName() + "' needs class "
          + missing + ", which neither its own jars nor the Apache Flume API FlumeLab provides hold",
          "Put the jar that holds " + missing + " in the plugin's libext directory");
    } else {
      ours = new ConfigurationException(null, "class '" + plugin.getName() + "' was compiled "
          + "against another version of a class it uses: " + e,
          "Rebuild it against Apache Flume 1.11, or put the library versions it was built with in "
              + "the plugin's libext directory");
    }
    ours.initCause(e);
    return ours;
  }
}
