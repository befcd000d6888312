package io.flumelab.core.config;

import io.flumelab.api.Interceptor;
import io.flumelab.core.config.TypeResolver.Failed;
import io.flumelab.core.plugin.ClassSearch.Broken;
import io.flumelab.core.plugin.ClassSearch.Found;
import io.flumelab.core.plugin.ClassSearch.Missing;
import io.flumelab.core.plugin.Origin;
import io.flumelab.core.plugin.PluginPaths;
import io.flumelab.core.plugin.Plugins;
import io.flumelab.core.spi.ComponentKind;
import io.flumelab.core.spi.ForeignApi;
import io.flumelab.core.spi.SinkSelector;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Why a class named in a configuration cannot serve: not found (with the jars searched and the
 * nearest class name in plugins.d), of the wrong kind (with what it does implement, in FlumeLab's
 * API or a foreign one), missing a class it needs (with the plugin directory its jar belongs in),
 * or compiled for a newer Java. The same text for {@code check} and for {@code agent}.
 */
final class ClassProblems {

  /** The interfaces a component can implement, for "it implements ..." (most specific first). */
  private static final List<Class<?>> FLUMELAB_APIS = List.of(io.flumelab.api.PollableSource.class,
      io.flumelab.api.EventDrivenSource.class, io.flumelab.api.Source.class,
      io.flumelab.api.Sink.class, io.flumelab.api.Channel.class, Interceptor.Builder.class,
      Interceptor.class, io.flumelab.core.spi.ChannelSelector.class,
      io.flumelab.core.spi.SinkProcessor.class, SinkSelector.class);

  private final Plugins plugins;

  ClassProblems(Plugins plugins) {
    this.plugins = plugins;
  }

  Failed notFound(Missing missing) {
    String name = missing.className();
    String message = "class '" + name + "' not found (searched: "
        + String.join(", ", missing.searched()) + ")";
    Map<String, Origin> candidates = plugins.pluginClassNames();
    Optional<String> nearest = Suggestions.closest(name, candidates.keySet());
    String didYouMean = nearest.map(near -> "Did you mean '" + near + "' (" + candidates.get(near)
        + ")? ").orElse("");
    String where = plugins.pluginDirs().isEmpty() ? "plugins.d/<name>/lib (--plugins-path)"
        : "plugins.d/<name>/lib";
    return new Failed(message, didYouMean + "Check the spelling, and put the jar that holds it in "
        + where + " or on the class path (-C).");
  }

  Failed broken(Broken broken) {
    String subject = subject(broken.className(), broken.origin());
    LinkageError error = broken.error();
    if (error instanceof UnsupportedClassVersionError) {
      int version = broken.classFileVersion();
      int runtime = Runtime.version().feature();
      String compiled = version > 44 ? "compiled for Java " + (version - 44) + " (class file "
          + version + ")" : "compiled for a newer Java (" + error.getMessage() + ")";
      return new Failed(subject + " is " + compiled + "; this agent runs Java " + runtime,
          "Compile it with --release " + runtime + " (or lower), or run the agent on a newer Java.");
    }
    if (error instanceof NoClassDefFoundError && error.getMessage() != null) {
      String needed = error.getMessage().replace('/', '.');
      List<ForeignApi> apis = plugins.foreignApis();
      if (apis.isEmpty() && needed.startsWith("org.apache.flume.")) {
        return new Failed(subject + " is written against Apache Flume's API (it needs " + needed
            + ") and this FlumeLab has no compatibility directory for it (" + PluginPaths.COMPAT_PATH
            + " is not set or holds nothing)", "Build runtime/launcher (it writes target/compat/flume), "
            + "and start the agent with bin/flume-ng, which sets " + PluginPaths.COMPAT_PATH + ".");
      }
      String dir = broken.pluginDir();
      String provided = apis.isEmpty() ? "" : " nor the " + String.join(", ",
          apis.stream().map(ForeignApi::displayName).toList()) + " API FlumeLab provides ("
          + String.join(", ", plugins.compatJars()) + ")";
      if (dir == null) {
        return new Failed(subject + " cannot be loaded: it needs " + needed + ", which is not on "
            + Plugins.CLASS_PATH + provided.replace(" nor the", "; nor is it in the"),
            "Add the jar that holds it to the class path (-C), or put both jars in a plugin "
                + "directory: plugins.d/<name>/lib and libext.");
      }
      return new Failed(subject + " cannot be loaded: it needs " + needed + ", which neither " + dir
          + " (lib, libext)" + (provided.isEmpty() ? " nor the JDK or FlumeLab's API" : provided)
          + " holds", "Put the jar that holds it in " + dir + "/libext.");
    }
    return new Failed(subject + " cannot be loaded: " + error, "Check that its jar is whole and "
        + "built for this FlumeLab's API.");
  }

  Failed wrongKind(ComponentKind kind, Found found) {
    Class<?> cls = found.type();
    List<String> implemented = implemented(cls);
    String message = subject(cls.getName(), found.origin()) + " is not "
        + kind.withArticle() + ": " + (implemented.isEmpty()
        ? "it implements none of FlumeLab's component interfaces"
        : "it implements " + String.join(", ", implemented));
    boolean interceptor = Interceptor.class.isAssignableFrom(cls) || plugins.foreignApis().stream()
        .anyMatch(api -> api.implemented(cls).stream().anyMatch(name -> name.endsWith("Interceptor")));
    String api = kind.withArticle() + " implements " + kind.api().getName().replace('$', '.')
        + (plugins.foreignApis().isEmpty() ? "" : " or its counterpart in " + String.join(", ",
        plugins.foreignApis().stream().map(ForeignApi::displayName).toList()));
    String fix;
    if (interceptor && kind == ComponentKind.INTERCEPTOR) {
      fix = "Name its builder instead: '" + cls.getName() + "$Builder'.";
    } else if (interceptor) {
      fix = "Name an interceptor's builder under a source's 'interceptors.<name>.type' ('"
          + cls.getName() + "$Builder'); " + api + ".";
    } else {
      fix = capitalize(api) + ".";
    }
    return new Failed(message, fix);
  }

  Failed unusable(ComponentKind kind, Found found, String role, String why) {
    return new Failed(subject(found.type().getName(), found.origin()) + " is " + role
        + ", yet cannot serve as " + kind.withArticle() + ": " + why, "Name a class that can run as " + kind.withArticle() + ".");
  }

  /** FlumeLab's component interfaces and every foreign API's types among its supertypes. */
  List<String> implemented(Class<?> cls) {
    Set<String> names = new LinkedHashSet<>();
    for (Class<?> api : FLUMELAB_APIS) {
      if (api.isAssignableFrom(cls)) {
        names.add(api.getName().replace('$', '.'));
      }
    }
    for (ForeignApi api : plugins.foreignApis()) {
      List<String> foreign = api.implemented(cls);
      if (!foreign.isEmpty()) {
        names.add(api.displayName() + "'s " + String.join(", ", foreign));
      }
    }
    return new ArrayList<>(names);
  }

  /** "class 'x' (plugins.d/p/lib/p.jar)": where it is, when that is a plugin. */
  static String subject(String className, Origin origin) {
    return "class '" + className + "'"
        + (origin != null && origin.inPlugin() ? " (" + origin + ")" : "");
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
