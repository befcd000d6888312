package io.flumelab.flume;

import io.flumelab.api.Context;
import io.flumelab.api.Interceptor;

/**
 * A Flume {@code Interceptor.Builder} (the class a configuration names for a Flume interceptor)
 * as one of ours; what it builds runs as a {@link FlumeInterceptorAdapter}.
 */
final class FlumeInterceptorBuilderAdapter implements Interceptor.Builder {

  private final org.apache.flume.interceptor.Interceptor.Builder flume;

  FlumeInterceptorBuilderAdapter(org.apache.flume.interceptor.Interceptor.Builder flume) {
    this.flume = flume;
  }

  @Override
  public void configure(Context context) {
    FlumeContexts.configure(flume, context);
  }

  @Override
  public Interceptor build() {
    try (Tccl t = Tccl.of(flume)) {
      return new FlumeInterceptorAdapter(flume.build());
    }
  }

  @Override
  public String toString() {
    return flume.toString();
  }
}
