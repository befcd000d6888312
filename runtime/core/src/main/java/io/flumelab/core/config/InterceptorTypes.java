package io.flumelab.core.config;

import java.util.List;

/** The built-in interceptor types. Only types whose class exists belong here. */
final class InterceptorTypes {

  private InterceptorTypes() {}

  static List<ComponentSpec> specs() {
    return List.of();
  }
}
