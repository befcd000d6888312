package io.flumelab.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Apache Flume's classes and FlumeLab's adapters for them live in the agent's compat class loader
 * only: on the agent's class path (this module's runtime class path, which its tests run on) a
 * Flume class would shadow or clash with what plugins are given.
 */
class FlumeStaysOffTheAgentClassPathTest {

  private final ClassLoader agentClassPath = ClassLoader.getSystemClassLoader();

  @Test
  void noFlumeClassIsOnTheAgentClassPath() {
    assertThat(agentClassPath.getResource("org/apache/flume/Context.class")).isNull();
    assertThat(agentClassPath.getResource("org/apache/flume/source/AbstractSource.class")).isNull();
  }

  @Test
  void neitherAreTheAdaptersNorTheirServiceFile() {
    assertThat(agentClassPath.getResource("io/flumelab/flume/FlumeApi.class")).isNull();
    assertThat(agentClassPath.getResource("META-INF/services/io.flumelab.core.spi.ForeignApi")).isNull();
  }
}
