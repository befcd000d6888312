package io.flumelab.core.config;

import io.flumelab.core.plugin.ClassSearch;
import io.flumelab.core.plugin.ClassSearch.Broken;
import io.flumelab.core.plugin.ClassSearch.Found;
import io.flumelab.core.plugin.ClassSearch.Missing;
import io.flumelab.core.plugin.Origin;
import io.flumelab.core.plugin.PluginPaths;
import io.flumelab.core.plugin.Plugins;
import io.flumelab.core.spi.ComponentKind;
import io.flumelab.core.spi.ComponentSpec;
import io.flumelab.core.spi.ForeignApi;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Optional;

/**
 * Turns a {@code type} value into a class of the right kind: a registered alias or class name, or
 * the fully qualified name of a custom class, searched in plugins.d and on the agent's class path.
 * A class of a foreign plugin API ({@link ForeignApi}) resolves when that API says what it is as
 * the kind. Loads classes without initialising them, so checking a configuration runs no
 * component code.
 */
final class TypeResolver {

  /** The outcome: a class (and its spec, null for a custom class), or why there is none. */
  sealed interface Resolution permits Resolved, Failed {}

  /**
   * @param origin where a custom class was found, null for a built-in
   * @param foreign the foreign API the class is written against, or null for FlumeLab's
   * @param role what the class is in that API ("an Apache Flume pollable source"), or null
   * @param alsoIn other plugins holding a class of the same name (not used)
   */
  record Resolved(ComponentSpec spec, Class<?> type, Origin origin, ForeignApi foreign, String role,
      List<Origin> alsoIn) implements Resolution {

    Resolved(ComponentSpec spec, Class<?> type) {
      this(spec, type, null, null, null, List.of());
    }

    /**
     * The alias of a built-in, or the class name of a custom component, with the plugin it came
     * from and its foreign role: for summaries.
     */
    String displayName() {
      if (spec != null) {
        return spec.alias();
      }
      String from = origin != null ? origin.dir() : null;
      if (role == null && from == null) {
        return type.getName();
      }
      return type.getName() + " (" + (role == null ? from : from == null ? role : role + ", " + from)
          + ")";
    }
  }

  record Failed(String message, String fix) implements Resolution {}

  private final ComponentRegistry registry;
  private final ClassLoader classLoader;
  private final Plugins plugins;

  /** Custom classes from the class loader only: no plugins.d. */
  TypeResolver(ComponentRegistry registry, ClassLoader classLoader) {
    this(registry, classLoader, Plugins.open(PluginPaths.none(), classLoader));
  }

  TypeResolver(ComponentRegistry registry, ClassLoader classLoader, Plugins plugins) {
    this.registry = registry;
    this.classLoader = classLoader;
    this.plugins = plugins;
  }

  Plugins plugins() {
    return plugins;
  }

  ComponentRegistry registry() {
    return registry;
  }

  Resolution resolve(ComponentKind kind, String type) {
    ComponentSpec spec = registry.find(kind, type).orElse(null);
    if (spec != null && spec.flumeClassNames().contains(type)) {
      // a plugin's class name that a built-in also answers to (the jdbc source to keedio's
      // SQLSource): the plugin installed in plugins.d is what the user means
      ClassSearch search = plugins.find(type);
      if (search instanceof Found found && found.origin() != null && found.origin().inPlugin()) {
        return checkKind(kind, found);
      }
    }
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
    ClassSearch search = plugins.find(type);
    if (search instanceof Missing missing) {
      if (type.startsWith("org.apache.flume.")) {
        // a Flume component FlumeLab does not have: say which types it does have
        return unknown(kind, type);
      }
      return problems().notFound(missing);
    }
    if (search instanceof Broken broken) {
      return problems().broken(broken);
    }
    return checkKind(kind, (Found) search);
  }

  private ClassProblems problems() {
    return new ClassProblems(plugins);
  }

  /** A custom class: FlumeLab's API for the kind, or a foreign API's counterpart. */
  private Resolution checkKind(ComponentKind kind, Found found) {
    Class<?> cls = found.type();
    if (kind.api().isAssignableFrom(cls)) {
      return concrete(cls).orElseGet(() -> new Resolved(null, cls, found.origin(), null, null,
          found.alsoIn()));
    }
    for (ForeignApi api : plugins.foreignApis()) {
      Optional<String> role = api.role(kind, cls);
      if (role.isPresent()) {
        String unusable = api.unusable(kind, cls);
        if (unusable != null) {
          return problems().unusable(kind, found, role.get(), unusable);
        }
        return concrete(cls).orElseGet(() -> new Resolved(null, cls, found.origin(), api,
            role.get(), found.alsoIn()));
      }
    }
    return problems().wrongKind(kind, found);
  }

  private static Optional<Resolution> concrete(Class<?> cls) {
    if (cls.isInterface() || Modifier.isAbstract(cls.getModifiers())) {
      return Optional.of(new Failed("class '" + cls.getName() + "' is abstract",
          "Name a concrete class."));
    }
    return Optional.empty();
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
