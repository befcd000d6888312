package io.flumelab.core.plugin;

import io.flumelab.core.plugin.ClassSearch.Broken;
import io.flumelab.core.plugin.ClassSearch.Found;
import io.flumelab.core.plugin.ClassSearch.Missing;
import io.flumelab.core.spi.ComponentCounter;
import io.flumelab.core.spi.ForeignApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The class loaders of one agent's plugins: one per plugin directory, the shared API loader, the
 * compatibility loader of a foreign API when {@code flumelab.compat.path} names one, and a loader
 * per class-path root holding classes written against a foreign API. It finds component classes
 * across them and the agent's class path, and closes them all (unregistering the MBeans their
 * classes registered) when the agent is done with them.
 */
public final class Plugins implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Plugins.class);
  private static final String FOREIGN_MARKER = "org/apache/flume/Context.class";
  /** The agent's class path, as "searched" lists name it. */
  public static final String CLASS_PATH = "the agent's class path";

  private final ClassLoader agent;
  private final SharedApiLoader shared;
  private final PluginClassLoader compat;
  private final List<String> compatJars;
  private final List<ForeignApi> foreignApis;
  private final List<Plugin> plugins = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private final Map<String, PluginClassLoader> classPathRoots = new ConcurrentHashMap<>();
  private final Map<String, ClassSearch> searches = new ConcurrentHashMap<>();
  private final Set<String> lastResortWarned = ConcurrentHashMap.newKeySet();
  private final ClassLoader union;
  private volatile Map<String, Origin> pluginClassNames;

  private Plugins(PluginPaths paths, ClassLoader agent) {
    this.agent = agent;
    this.shared = new SharedApiLoader(agent);
    List<Path> compatJarPaths = paths.compatDir() == null ? List.of() : compatJars(paths.compatDir());
    this.compatJars = compatJarPaths.stream().map(jar -> jar.getFileName().toString()).toList();
    this.compat = compatJarPaths.isEmpty() ? null : new PluginClassLoader(
        "compat:" + paths.compatDir().getFileName(), "the compatibility jars of "
        + paths.compatDir(), compatJarPaths, shared, null, null, null);
    this.foreignApis = compat == null ? List.of() : foreignApis(compat, paths.compatDir());
    for (Path root : paths.roots()) {
      openRoot(root);
    }
    this.union = new UnionLoader(agent, this);
    warnIfForeignApiOnClassPath();
  }

  /** The plugins the system properties name ({@link PluginPaths#fromSystemProperties}). */
  public static Plugins open(Map<String, String> systemProperties, ClassLoader agent) {
    return open(PluginPaths.fromSystemProperties(systemProperties), agent);
  }

  /** @param agent the agent's class path: where component classes come from besides plugins.d */
  public static Plugins open(PluginPaths paths, ClassLoader agent) {
    return new Plugins(paths, agent);
  }

  /** Whether a class loader is one that plugins.d or a compatibility directory gave a class. */
  public static boolean isPluginLoader(ClassLoader loader) {
    return loader instanceof PluginClassLoader plugin && !plugin.isClosed();
  }

  // ---- opening

  private List<Path> compatJars(Path dir) {
    if (!Files.isDirectory(dir)) {
      LOG.warn("The compatibility directory {} ({}) does not exist: plugins written against a "
          + "foreign API will not load. Build runtime/launcher, or unset {}", dir,
          PluginPaths.COMPAT_PATH, PluginPaths.COMPAT_PATH);
      return List.of();
    }
    return jarsIn(dir);
  }

  private List<ForeignApi> foreignApis(PluginClassLoader loader, Path dir) {
    List<ForeignApi> found = new ArrayList<>();
    try {
      // only providers of the compatibility jars: the agent's own services are not looked at
      ServiceLoader.load(ForeignApi.class, loader).stream()
          .filter(provider -> provider.type().getClassLoader() == loader)
          .forEach(provider -> found.add(provider.get()));
    } catch (ServiceConfigurationError e) {
      problems.add("the compatibility jars of " + dir + " cannot provide their plugin API: " + e);
    }
    if (found.isEmpty()) {
      LOG.warn("The compatibility directory {} provides no {}: plugins written against a foreign "
          + "API will not load", dir, ForeignApi.class.getName());
    }
    return List.copyOf(found);
  }

  private void openRoot(Path root) {
    if (!Files.isDirectory(root)) {
      LOG.warn("Plugin directory {} ({}) does not exist; no plugins are taken from it", root,
          PluginPaths.PLUGINS_PATH);
      return;
    }
    List<Path> dirs;
    try (Stream<Path> list = Files.list(root)) {
      dirs = list.filter(Files::isDirectory).sorted().toList(); // name order, as the C locale sorts
    } catch (IOException e) {
      problems.add("plugin directory " + root + " cannot be read: " + e.getMessage());
      return;
    }
    for (Path dir : dirs) {
      openPlugin(root, dir);
    }
  }

  private void openPlugin(Path root, Path dir) {
    String name = dir.getFileName().toString();
    String label = root.getFileName() + "/" + name;
    Path libDir = dir.resolve("lib");
    Path libextDir = dir.resolve("libext");
    Path nativeDir = dir.resolve("native");
    if (!Files.isDirectory(libDir) && !Files.isDirectory(libextDir)) {
      LOG.warn("Plugin directory {} has neither lib/ nor libext/; it is skipped", dir);
      return;
    }
    List<Path> lib = readable(Files.isDirectory(libDir) ? jarsIn(libDir) : List.of());
    List<Path> libext = readable(Files.isDirectory(libextDir) ? jarsIn(libextDir) : List.of());
    ForeignApi foreign = foreignApiOf(lib);
    List<Path> jars = new ArrayList<>(lib);
    jars.addAll(libext);
    PluginClassLoader loader = new PluginClassLoader("plugin:" + name, "plugin " + name, jars,
        foreign != null ? compat : shared, Files.isDirectory(nativeDir) ? nativeDir : null, foreign,
        this::fromAnotherPlugin);
    if (foreign != null) {
      LOG.info("Plugin {}: {} API", name, foreign.displayName());
    }
    plugins.add(new Plugin(name, label, lib, libext, Files.isDirectory(nativeDir) ? nativeDir : null,
        loader, foreign));
  }

  private static List<Path> jarsIn(Path dir) {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
          .endsWith(".jar") && Files.isRegularFile(p)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dir, e);
    }
  }

  /** The jars that open as jars; each other one is a problem naming it. */
  private List<Path> readable(List<Path> jars) {
    List<Path> readable = new ArrayList<>();
    for (Path jar : jars) {
      try (JarFile ignored = new JarFile(jar.toFile())) {
        readable.add(jar);
      } catch (IOException | SecurityException e) {
        problems.add("plugin jar " + jar + " cannot be read (" + e.getMessage() + ")");
      }
    }
    return readable;
  }

  /** The foreign API the lib/ jars' classes refer to, if any: it becomes the loader's parent. */
  private ForeignApi foreignApiOf(List<Path> lib) {
    if (foreignApis.isEmpty()) {
      return null;
    }
    for (Path jar : lib) {
      try (JarFile file = new JarFile(jar.toFile())) {
        for (JarEntry entry : Collections.list(file.entries())) {
          if (!entry.getName().endsWith(".class")) {
            continue;
          }
          byte[] bytes;
          try (InputStream in = file.getInputStream(entry)) {
            bytes = in.readAllBytes();
          }
          for (ForeignApi api : foreignApis) {
            if (api.referencedBy(bytes)) {
              return api;
            }
          }
        }
      } catch (IOException e) {
        problems.add("plugin jar " + jar + " cannot be read (" + e.getMessage() + ")");
      }
    }
    return null;
  }

  private void warnIfForeignApiOnClassPath() {
    URL marker = agent.getResource(FOREIGN_MARKER);
    if (marker != null) {
      LOG.warn("The agent's class path holds Apache Flume's own classes ({}). Plugins written "
          + "against Flume's API run on FlumeLab's compatibility jars, each in its own class "
          + "loader; remove Flume's jars from the class path (-C, FLUME_CLASSPATH) and put the "
          + "plugins in plugins.d", marker);
    }
  }

  // ---- finding classes

  /**
   * Looks for a component class: in the plugins' own jars, in plugin order (a class on the agent's
   * class path that is written against a foreign API is defined again, over its jar or directory,
   * in a loader that sees the API), then on the agent's class path. Never initialises it.
   */
  public ClassSearch find(String className) {
    ClassSearch known = searches.get(className);
    if (known != null) {
      return known;
    }
    ClassSearch search = search(className);
    ClassSearch raced = searches.putIfAbsent(className, search);
    return raced != null ? raced : search;
  }

  private ClassSearch search(String className) {
    String resource = className.replace('.', '/') + ".class";
    Plugin holder = null;
    Origin origin = null;
    List<Origin> alsoIn = new ArrayList<>();
    for (Plugin plugin : plugins) {
      Origin in = plugin.originOf(resource);
      if (in == null) {
        continue;
      }
      if (holder == null) {
        holder = plugin;
        origin = in;
      } else {
        alsoIn.add(in);
      }
    }
    if (holder != null) {
      return load(className, holder.loader(), origin, alsoIn, holder.label());
    }
    URL url = agent.getResource(resource);
    if (url == null) {
      // a loader may define classes it shows no class file of (generated ones, say)
      return load(className, agent, new Origin(null, null, CLASS_PATH), List.of(), null);
    }
    Origin onClassPath = new Origin(null, null, CLASS_PATH + " (" + classPathEntry(url, resource) + ")");
    ClassLoader loader = agent;
    if (!foreignApis.isEmpty()) {
      byte[] bytes = PluginClassLoader.read(url);
      if (foreignApis.stream().anyMatch(api -> api.referencedBy(bytes))) {
        loader = classPathLoader(url, resource);
      }
    }
    return load(className, loader, onClassPath, List.of(), null);
  }

  private ClassSearch load(String className, ClassLoader loader, Origin origin, List<Origin> alsoIn,
      String pluginDir) {
    try {
      Class<?> type = Class.forName(className, false, loader);
      if (compat != null && type.getClassLoader() == compat) {
        // a foreign API's own class (one of its built-ins) is not a plugin
        return new Missing(className, searched());
      }
      return new Found(className, type, origin, alsoIn);
    } catch (ClassNotFoundException e) {
      return new Missing(className, searched());
    } catch (LinkageError e) {
      return new Broken(className, origin, pluginDir, e, classFileVersion(loader, className));
    }
  }

  private static int classFileVersion(ClassLoader loader, String className) {
    URL url = loader.getResource(className.replace('.', '/') + ".class");
    if (url == null) {
      return 0;
    }
    try {
      byte[] bytes = PluginClassLoader.read(url);
      return bytes.length < 8 ? 0 : ((bytes[6] & 0xff) << 8) | (bytes[7] & 0xff);
    } catch (UncheckedIOException e) {
      return 0;
    }
  }

  /** A class-path jar or directory defined again in a loader that sees the foreign API. */
  private PluginClassLoader classPathLoader(URL url, String resource) {
    String text = url.toString();
    Path root;
    try {
      if (text.startsWith("jar:")) {
        root = Path.of(new URL(text.substring(4, text.indexOf("!/"))).toURI());
      } else {
        root = Path.of(new URL(text.substring(0, text.length() - resource.length())).toURI());
      }
    } catch (IOException | java.net.URISyntaxException e) {
      throw new IllegalStateException("Cannot locate the class-path entry of " + url, e);
    }
    return classPathRoots.computeIfAbsent(root.toString(), key -> {
      ForeignApi api = foreignApis.get(0);
      LOG.info("{} is written against {}; its classes are loaded with that API from {}", resource,
          api.displayName(), root);
      return new PluginClassLoader("classpath:" + root, "class-path entry " + root, List.of(root),
          compat, null, api, this::fromAnotherPlugin);
    });
  }

  private static String classPathEntry(URL url, String resource) {
    String text = url.toString();
    if (text.startsWith("jar:")) {
      String jar = text.substring(4, text.indexOf("!/"));
      return jar.substring(jar.lastIndexOf('/') + 1);
    }
    return text.startsWith("file:") ? text.substring(5, text.length() - resource.length()) : text;
  }

  /** The last resort of a plugin loader: another plugin's own jars, with a warning once per package. */
  private Class<?> fromAnotherPlugin(PluginClassLoader asking, String className) {
    String resource = className.replace('.', '/') + ".class";
    for (Plugin plugin : plugins) {
      if (plugin.loader() == asking) {
        continue;
      }
      Class<?> found = plugin.loader().loadOwn(className);
      if (found != null) {
        int dot = className.lastIndexOf('.');
        String pkg = dot > 0 ? className.substring(0, dot) : "";
        if (lastResortWarned.add(asking.getName() + " " + pkg)) {
          Origin origin = plugin.originOf(resource);
          String own = plugins.stream().filter(p -> p.loader() == asking).map(Plugin::label)
              .findFirst().orElse(null);
          LOG.warn("{} loads {} from {}; {}", asking.label(), className, origin,
              own != null ? "put it in " + own + "/libext to keep plugins apart"
                  : "put it on the class path beside it to keep plugins apart");
        }
        return found;
      }
    }
    return null;
  }

  /** What a search covers, for "not found" messages. */
  public List<String> searched() {
    List<String> searched = new ArrayList<>();
    searched.add(CLASS_PATH);
    plugins.forEach(plugin -> searched.addAll(plugin.searched()));
    return searched;
  }

  /** Every class of the plugins' lib/ jars and the jar that holds it: for "did you mean". */
  public Map<String, Origin> pluginClassNames() {
    Map<String, Origin> names = pluginClassNames;
    if (names == null) {
      names = new LinkedHashMap<>();
      for (Plugin plugin : plugins) {
        for (Path jar : plugin.lib()) {
          Origin origin = new Origin(plugin.name(), plugin.label(), plugin.label() + "/lib/" + jar.getFileName());
          try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : Collections.list(file.entries())) {
              String entryName = entry.getName();
              if (entryName.endsWith(".class") && !entryName.endsWith("module-info.class")) {
                names.putIfAbsent(entryName.substring(0, entryName.length() - 6).replace('/', '.'),
                    origin);
              }
            }
          } catch (IOException e) {
            LOG.debug("Cannot list {}: {}", jar, e.toString());
          }
        }
      }
      pluginClassNames = names;
    }
    return names;
  }

  /** The plugin directory a class came from ({@code plugins.d/udp}), or null. */
  public String pluginDirOf(Class<?> type) {
    return plugins.stream().filter(p -> p.loader() == type.getClassLoader()).map(Plugin::label)
        .findFirst().orElse(null);
  }

  // ---- what the agent asks

  /** The foreign APIs of the compatibility directory (none without one). */
  public List<ForeignApi> foreignApis() {
    return foreignApis;
  }

  /** The jars of the compatibility directory, by name: what a foreign API gives its plugins. */
  public List<String> compatJars() {
    return compatJars;
  }

  /** What could not be opened (unreadable jars): errors at the top of a check. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** The plugin directories, in search order: {@code plugins.d/shout}. */
  public List<String> pluginDirs() {
    return plugins.stream().map(Plugin::label).toList();
  }

  /**
   * A loader that sees the agent's class path and then every plugin's jars: the thread context
   * class loader while the agent is assembled, so built-ins that load a class by name find one in
   * plugins.d.
   */
  public ClassLoader unionLoader() {
    return union;
  }

  /** Whether one of these loaders (compatibility, plugins, class-path roots) defined a class. */
  public boolean owns(ClassLoader loader) {
    return loader != null && (loader == compat || loader == shared
        || plugins.stream().anyMatch(p -> p.loader() == loader)
        || classPathRoots.containsValue(loader));
  }

  /** The counters foreign components keep themselves, read now. */
  public List<ComponentCounter> foreignCounters() {
    List<ComponentCounter> counters = new ArrayList<>();
    for (ForeignApi api : foreignApis) {
      try {
        counters.addAll(api.counters(this::owns));
      } catch (RuntimeException e) {
        LOG.warn("The counters of {} components cannot be read: {}", api.displayName(), e.toString());
      }
    }
    return counters;
  }

  List<Plugin> plugins() {
    return List.copyOf(plugins);
  }

  /** Unregisters the MBeans these loaders' classes registered, then closes the loaders. */
  @Override
  public void close() {
    if (definesClasses()) {
      unregisterTheirMBeans();
    }
    List<PluginClassLoader> loaders = new ArrayList<>();
    plugins.forEach(plugin -> loaders.add(plugin.loader()));
    loaders.addAll(classPathRoots.values());
    if (compat != null) {
      loaders.add(compat);
    }
    for (PluginClassLoader loader : loaders) {
      try {
        loader.close();
      } catch (IOException e) {
        LOG.debug("Cannot close {}: {}", loader.getName(), e.toString());
      }
    }
  }

  /**
   * Whether any loader here defines classes of its own (the shared loader only delegates). Tools
   * that read a job without plugins (graph, the dashboard) then never start the platform's MBean
   * server, which is costly in a small JVM.
   */
  private boolean definesClasses() {
    return compat != null || !plugins.isEmpty() || !classPathRoots.isEmpty();
  }

  private void unregisterTheirMBeans() {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    for (ObjectName name : server.queryNames(null, null)) {
      try {
        if (owns(server.getClassLoaderFor(name))) {
          server.unregisterMBean(name);
        }
      } catch (InstanceNotFoundException gone) {
        // unregistered meanwhile
      } catch (JMException e) {
        LOG.debug("Cannot unregister {}: {}", name, e.toString());
      }
    }
  }

  /** The agent's class path, then every plugin's own jars, in plugin order. */
  private static final class UnionLoader extends ClassLoader {

    static {
      registerAsParallelCapable();
    }

    private final Plugins plugins;

    UnionLoader(ClassLoader agent, Plugins plugins) {
      super("plugins+classpath", agent);
      this.plugins = plugins;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      ClassSearch search = plugins.find(name);
      if (search instanceof Found found) {
        return found.type();
      }
      if (search instanceof Broken broken) {
        throw broken.error();
      }
      throw new ClassNotFoundException(name);
    }

    @Override
    protected URL findResource(String name) {
      for (Plugin plugin : plugins.plugins) {
        URL url = plugin.loader().findResource(name);
        if (url != null) {
          return url;
        }
      }
      return null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
      List<URL> all = new ArrayList<>();
      for (Plugin plugin : plugins.plugins) {
        all.addAll(Collections.list(plugin.loader().findResources(name)));
      }
      return Collections.enumeration(all);
    }
  }
}
