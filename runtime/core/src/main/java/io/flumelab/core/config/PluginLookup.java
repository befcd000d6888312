package io.flumelab.core.config;

import io.flumelab.api.ConfigurationException;
import io.flumelab.core.config.TypeResolver.Failed;
import io.flumelab.core.plugin.ClassSearch;
import io.flumelab.core.plugin.ClassSearch.Broken;
import io.flumelab.core.plugin.ClassSearch.Found;
import io.flumelab.core.plugin.ClassSearch.Missing;
import io.flumelab.core.plugin.Plugins;
import io.flumelab.core.spi.ComponentLookup;
import io.flumelab.core.spi.ForeignApi;
import java.lang.reflect.InvocationTargetException;
import java.util.List;

/**
 * The {@link ComponentLookup} the assembler hands to built-ins: classes they name are searched
 * where component types are (plugins.d, then the agent's class path) and explained the same way
 * when they cannot serve.
 */
final class PluginLookup implements ComponentLookup {

  private final Plugins plugins;

  PluginLookup(Plugins plugins) {
    this.plugins = plugins;
  }

  @Override
  public <T> T create(Class<T> api, String className, String key) {
    ClassProblems problems = new ClassProblems(plugins);
    ClassSearch search = plugins.find(className);
    if (search instanceof Missing missing) {
      throw refused(key, problems.notFound(missing));
    }
    if (search instanceof Broken broken) {
      throw refused(key, problems.broken(broken));
    }
    Found found = (Found) search;
    Class<?> type = found.type();
    try {
      if (api.isAssignableFrom(type)) {
        return api.cast(type.getDeclaredConstructor().newInstance());
      }
      for (ForeignApi foreign : plugins.foreignApis()) {
        T adapted = foreign.adapt(api, type);
        if (adapted != null) {
          return adapted;
        }
      }
    } catch (NoSuchMethodException e) {
      throw new ConfigurationException(key, ClassProblems.subject(className, found.origin())
          + " has no public no-argument constructor", "Give it one: it is created with it.");
    } catch (InvocationTargetException e) {
      throw new ConfigurationException(key, "creating class '" + className + "' failed: "
          + e.getCause(), null);
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new ConfigurationException(key, "cannot create "
          + ClassProblems.subject(className, found.origin()) + ": " + e, null);
    }
    List<String> implemented = problems.implemented(type);
    throw new ConfigurationException(key, ClassProblems.subject(className, found.origin())
        + " is not a " + api.getName() + ": " + (implemented.isEmpty()
        ? "it implements none of FlumeLab's component interfaces"
        : "it implements " + String.join(", ", implemented)),
        "Make it implement " + api.getName() + ".");
  }

  private static ConfigurationException refused(String key, Failed failed) {
    return new ConfigurationException(key, failed.message(), failed.fix());
  }

  @Override
  public ClassLoader pluginLibraries() {
    return plugins.unionLoader();
  }
}
