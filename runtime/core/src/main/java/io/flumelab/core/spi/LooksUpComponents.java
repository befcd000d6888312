package io.flumelab.core.spi;

/**
 * A component that creates classes named in its configuration: the agent hands it the
 * {@link ComponentLookup} before {@code configure}.
 */
public interface LooksUpComponents {

  void setComponentLookup(ComponentLookup lookup);
}
