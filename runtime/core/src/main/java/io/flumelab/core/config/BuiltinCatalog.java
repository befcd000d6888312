package io.flumelab.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The component types of the core module, one list per kind so each can grow on its own. An alias
 * of a component not yet built stays an "unknown type" rather than failing at instantiation.
 */
public final class BuiltinCatalog implements ComponentCatalog {

  @Override
  public List<ComponentSpec> specs() {
    List<ComponentSpec> specs = new ArrayList<>(SourceTypes.specs());
    specs.addAll(ChannelTypes.specs());
    specs.addAll(SinkTypes.specs());
    specs.addAll(InterceptorTypes.specs());
    return List.copyOf(specs);
  }
}
