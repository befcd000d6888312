package io.flumelab.core.spi;

/**
 * A component does not know the name of the agent it runs in, yet its messages name keys
 * ({@code a1.sources.r1.port}). It writes {@link #PREFIX} where the agent's name goes; the agent
 * (and {@code check}) fills the name in before a user reads the message.
 */
public final class AgentKeys {

  /** What a component's message writes in place of the agent's name and its dot. */
  public static final String PREFIX = "<agent>.";

  private AgentKeys() {}

  /** The text with the agent's name in place of {@link #PREFIX}; null stays null. */
  public static String named(String text, String agentName) {
    return text == null ? null : text.replace(PREFIX, agentName + ".");
  }
}
