package io.flumelab.core.spi;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A plugin API other than FlumeLab's whose components run through adapters: Apache Flume's
 * {@code org.apache.flume.*}. An implementation lives in a module of its own that the agent loads
 * in a class loader of its own, over the jars of one {@code flumelab.compat.path} directory, and
 * finds there with {@link java.util.ServiceLoader}: never on the agent's class path, so the
 * foreign API's jars and the libraries they need stay out of the agent's classes.
 *
 * <p>The core asks it three things: whether a plugin's classes are written against it (to choose
 * the plugin's class loader), what a class is in its terms (for resolution and error messages),
 * and for an instance adapted to FlumeLab's component interfaces.
 */
public interface ForeignApi {

  /** The API and its release, for messages and summaries: "Apache Flume 1.11.0". */
  String displayName();

  /** Whether a class file (its bytes) refers to this API; decides a plugin loader's parent. */
  boolean referencedBy(byte[] classFile);

  /**
   * What the class is in this API when named as {@code kind}, such as "an Apache Flume pollable
   * source"; empty when it is nothing usable as that kind. Decided by supertypes; never
   * initialises the class.
   */
  Optional<String> role(ComponentKind kind, Class<?> type);

  /**
   * Why a class that has a {@link #role} still cannot serve as {@code kind} (a Flume source that
   * is neither pollable nor event driven, so nothing would run it), or null when it can.
   */
  String unusable(ComponentKind kind, Class<?> type);

  /** This API's interfaces and classes among the supertypes of {@code type}, most specific first. */
  List<String> implemented(Class<?> type);

  /**
   * A new instance of {@code type} adapted to {@code kind.api()}: a FlumeLab Source, Sink,
   * Interceptor.Builder, or the spi's ChannelSelector or SinkProcessor.
   */
  Object create(ComponentKind kind, Class<?> type) throws ReflectiveOperationException;

  /**
   * A new instance of {@code type} adapted to {@code api}, an spi interface that a built-in
   * component creates by class name (a load-balancing sink processor's {@link SinkSelector}), or
   * null when this API has nothing that serves as {@code api}.
   */
  <T> T adapt(Class<T> api, Class<?> type) throws ReflectiveOperationException;

  /**
   * The counters this API's components keep themselves (read through JMX), restricted to those
   * whose classes one of the agent's loaders defined.
   */
  List<ComponentCounter> counters(Predicate<ClassLoader> ofThisAgent);

  /** A plugin class rewritten for the release this API provides, or null to define it as it is. */
  default byte[] rewrite(String className, byte[] classFile) {
    return null;
  }
}
