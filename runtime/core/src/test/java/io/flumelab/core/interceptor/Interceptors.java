package io.flumelab.core.interceptor;

import io.flumelab.api.Context;
import io.flumelab.api.Interceptor;
import io.flumelab.core.testing.TestData;

/** Helpers shared by the interceptor tests. */
final class Interceptors {

  private Interceptors() {}

  /** {@code settings} are key, value, key, value... */
  static Context context(String... settings) {
    return new Context(TestData.settings(settings));
  }

  /** Configures the builder, builds and initialises the interceptor, as the agent does. */
  static Interceptor build(Interceptor.Builder builder, String... settings) {
    builder.configure(context(settings));
    Interceptor interceptor = builder.build();
    interceptor.initialize();
    return interceptor;
  }
}
