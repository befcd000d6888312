package io.flumelab.compat.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flumelab.compat.it.PublishedPlugins.FlumeRelease;
import io.flumelab.compat.it.PublishedPlugins.Plugin;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The published plugins build from their unchanged sources against Apache Flume 1.7.0 and 1.11.0,
 * as their authors built them, and what the agent must bridge for the older build is really there:
 * keedio's source compiled against 1.7.0 calls the Context method Flume 1.10 changed, and on Flume
 * 1.11's own jars alone (no FlumeLab) it fails as it does on a real Flume 1.11.
 */
class PublishedPluginsBuildTest {

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(FlumeRelease.class)
  void everyPluginCompilesForJava8AgainstTheRelease(FlumeRelease release) throws IOException {
    assertThat(classes(PublishedPlugins.jar(Plugin.KEEDIO_SQL_SOURCE, release))).contains(
        "org/keedio/flume/source/SQLSource.class",
        "org/keedio/flume/source/SQLSource$ChannelWriter.class",
        "org/keedio/flume/source/SQLSourceHelper.class",
        "org/keedio/flume/source/HibernateHelper.class",
        "org/keedio/flume/metrics/SqlSourceCounter.class");
    assertThat(classes(PublishedPlugins.jar(Plugin.ALICE_INFLUXDB_UDP_SINK, release)))
        .containsExactly("ch/cern/alice/o2/flume/InfluxDbUdpSink.class");
    assertThat(classes(PublishedPlugins.jar(Plugin.JSON_BODY_TIMESTAMP_INTERCEPTOR, release)))
        .contains("org/apache/flume/interceptor/JsonBodyTimestampInterceptor.class",
            "org/apache/flume/interceptor/JsonBodyTimestampInterceptor$Builder.class");
    assertThat(majorVersion(PublishedPlugins.jar(Plugin.KEEDIO_SQL_SOURCE, release),
        "org/keedio/flume/source/SQLSource.class")).as("class file version (52 = Java 8)")
        .isEqualTo(52);
  }

  @Test
  void keedioCompiledAgainst17CallsTheContextMethodWhoseReturnTypeFlume110Changed()
      throws IOException {
    assertThat(classFile(PublishedPlugins.jar(Plugin.KEEDIO_SQL_SOURCE, FlumeRelease.V1_7_0),
        "org/keedio/flume/source/HibernateHelper.class"))
        .contains("getSubProperties",
            "(Ljava/lang/String;)Lcom/google/common/collect/ImmutableMap;");
    assertThat(classFile(PublishedPlugins.jar(Plugin.KEEDIO_SQL_SOURCE, FlumeRelease.V1_11_0),
        "org/keedio/flume/source/HibernateHelper.class"))
        .contains("getSubProperties", "(Ljava/lang/String;)Ljava/util/Map;")
        .doesNotContain("ImmutableMap");
  }

  @Test
  void onFlume111AloneKeedioBuiltFor111ConfiguresHibernateAndTheBuildFor17DoesNot()
      throws Exception {
    try (URLClassLoader flume = plainFlume111(FlumeRelease.V1_11_0)) {
      assertThat(newHibernateHelper(flume).getClass().getName())
          .isEqualTo("org.keedio.flume.source.HibernateHelper");
    }
    try (URLClassLoader flume = plainFlume111(FlumeRelease.V1_7_0)) {
      assertThatThrownBy(() -> newHibernateHelper(flume))
          .isInstanceOf(InvocationTargetException.class)
          .cause().isInstanceOf(NoSuchMethodError.class)
          .hasMessageContaining("org.apache.flume.Context.getSubProperties")
          .hasMessageContaining("ImmutableMap");
    }
  }

  /** Flume 1.11's API jars, keedio's libraries and keedio's jar built against {@code built}. */
  private URLClassLoader plainFlume111(FlumeRelease built) throws IOException {
    List<URL> urls = new ArrayList<>();
    for (Path jar : FlumeRelease.V1_11_0.apiJars()) {
      urls.add(jar.toUri().toURL());
    }
    for (Path jar : Plugin.KEEDIO_SQL_SOURCE.libraries()) {
      urls.add(jar.toUri().toURL());
    }
    urls.add(PublishedPlugins.jar(Plugin.KEEDIO_SQL_SOURCE, built).toUri().toURL());
    return new URLClassLoader("flume-1.11", urls.toArray(URL[]::new),
        ClassLoader.getPlatformClassLoader());
  }

  /** keedio's own configure path up to Hibernate's Configuration, on {@code flume}'s classes. */
  private Object newHibernateHelper(ClassLoader flume) throws Exception {
    Class<?> context = flume.loadClass("org.apache.flume.Context");
    Object settings = context.getConstructor(Map.class).newInstance(Map.of(
        "hibernate.connection.url", "jdbc:h2:mem:unused",
        "hibernate.connection.user", "flume",
        "hibernate.connection.password", "secret",
        "custom.query", "SELECT id FROM t WHERE id > $@$",
        "status.file.path", dir.toString(),
        "status.file.name", "r1.status"));
    Class<?> helper = flume.loadClass("org.keedio.flume.source.SQLSourceHelper");
    Object sqlSourceHelper = helper.getConstructor(context, String.class)
        .newInstance(settings, "r1");
    return flume.loadClass("org.keedio.flume.source.HibernateHelper").getConstructor(helper)
        .newInstance(sqlSourceHelper);
  }

  private static List<String> classes(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      return file.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class")).toList();
    }
  }

  private static String classFile(Path jar, String entry) throws IOException {
    try (JarFile file = new JarFile(jar.toFile());
        InputStream in = file.getInputStream(file.getEntry(entry))) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private static int majorVersion(Path jar, String entry) throws IOException {
    try (JarFile file = new JarFile(jar.toFile());
        DataInputStream in = new DataInputStream(file.getInputStream(file.getEntry(entry)))) {
      in.readInt();
      in.readUnsignedShort();
      return in.readUnsignedShort();
    }
  }
}
