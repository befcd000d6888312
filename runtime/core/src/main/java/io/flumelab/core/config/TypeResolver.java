package io.flumelab.core.config;

import io.flumelab.core.spi.ComponentKind;
import io.flumelab.core.spi.ComponentSpec;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Optional;

/**
 * Turns a {@code type} value into a class of the right kind: a registered alias or class name, or
 * the fully qualified name of a custom class. Loads classes without initialising them, so checking
 * a configuration runs no component code.
 */
final class TypeResolver {

  /** The outcome: a class (and its spec, null for a custom class), or why there is none. */
  sealed interface Resolution permits Resolved, Failed {}

  record Resolved(ComponentSpec spec, Class<?> type) implements Resolution {

    /** The alias of a built-in, or the class name of a custom component: for summaries. */
    String displayName() {
      return spec != null ? spec.alias() : type.getName();
    }
  }

  record Failed(String message, String fix) implements Resolution {}

  private final ComponentRegistry registry;
  private final ClassLoader classLoader;

  TypeResolver(ComponentRegistry registry, ClassLoader classLoader) {
    this.registry = registry;
    this.classLoader = classLoader;
  }

  ComponentRegistry registry() {
    return registry;
  }

  Resolution resolve(ComponentKind kind, String type) {
    ComponentSpec spec = registry.find(kind, type).orElse(null);
    if (spec != null) {
      Class<?> cls = load(spec.className());
      if (cls == null) {
        return new Failed(kind.label() + " type '" + type + "' needs class " + spec.className()
            + ", which is not on the classpath", "The FlumeLab installation is incomplete.");
      }
      return checkKind(kind, cls, spec);
    }
    if (!looksLikeClassName(type)) {
      return unknown(kind, type);
    }
    Class<?> cls = load(type);
    if (cls == null) {
      if (type.startsWith("org.apache.flume.")) {
        // a Flume component FlumeLab does not have: say which types it does have
        return unknown(kind, type);
      }
      return new Failed("class '" + type + "' not found",
          "Check the spelling, and put the jar that holds it on the classpath (plugins.d).");
    }
    return checkKind(kind, cls, null);
  }

  private Resolution checkKind(ComponentKind kind, Class<?> cls, ComponentSpec spec) {
    String name = cls.getName();
    if (!kind.api().isAssignableFrom(cls)) {
      String fix = capitalize(kind.withArticle()) + " must implement " + kind.api().getName().replace('$', '.') + ".";
      if (kind == ComponentKind.INTERCEPTOR && io.flumelab.api.Interceptor.class.isAssignableFrom(cls)) {
        fix = "Name its builder instead: '" + name + "$Builder'.";
      }
      return new Failed("class '" + name + "' is not " + kind.withArticle(), fix);
    }
    if (cls.isInterface() || Modifier.isAbstract(cls.getModifiers())) {
      return new Failed("class '" + name + "' is abstract", "Name a concrete class.");
    }
    return new Resolved(spec, cls);
  }

  private Failed unknown(ComponentKind kind, String type) {
    Optional<FlumeOnlyTypes.FlumeType> flumeOnly = FlumeOnlyTypes.find(kind, type);
    if (flumeOnly.isPresent()) {
      return notInFlumeLab(kind, flumeOnly.get());
    }
    String didYouMean = Suggestions.didYouMean(type, registry.aliases(kind));
    String list = knownTypes(kind);
    return new Failed("unknown " + kind.label() + " type '" + type + "'",
        didYouMean == null ? list : didYouMean + " " + list);
  }

  /** A type Apache Flume has and FlumeLab does not: say so, and what FlumeLab has instead. */
  private Failed notInFlumeLab(ComponentKind kind, FlumeOnlyTypes.FlumeType flumeType) {
    List<String> registered = registry.aliases(kind);
    List<String> instead = flumeType.instead().stream().filter(registered::contains).toList();
    String fix = instead.isEmpty() ? knownTypes(kind)
        : "FlumeLab offers instead: " + String.join(", ", instead) + ". " + knownTypes(kind);
    return new Failed("Apache Flume's " + flumeType.name() + " is not in FlumeLab", fix);
  }

  /** "Known sink types: logger, null." — for fixes. */
  String knownTypes(ComponentKind kind) {
    List<String> known = registry.aliases(kind);
    return known.isEmpty()
        ? "FlumeLab has no built-in " + kind.label() + " types; give the class name of one."
        : "Known " + kind.label() + " types: " + String.join(", ", known) + ".";
  }

  private Class<?> load(String className) {
    try {
      return Class.forName(className, false, classLoader);
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static boolean looksLikeClassName(String type) {
    return type.indexOf('.') > 0 && !type.endsWith(".");
  }
}
