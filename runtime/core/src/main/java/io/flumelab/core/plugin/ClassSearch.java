package io.flumelab.core.plugin;

import java.util.List;

/** What looking for a component class across plugins.d and the agent's class path found. */
public sealed interface ClassSearch permits ClassSearch.Found, ClassSearch.Missing, ClassSearch.Broken {

  String className();

  /**
   * The class, loaded without initialising it.
   *
   * @param alsoIn other plugins whose jars hold a class of that name (unused: the first one wins)
   */
  record Found(String className, Class<?> type, Origin origin, List<Origin> alsoIn)
      implements ClassSearch {

    public Found {
      alsoIn = List.copyOf(alsoIn);
    }
  }

  /**
   * No jar holds it.
   *
   * @param searched what was searched, for the message: the agent's class path, then each plugin's
   *     jars
   */
  record Missing(String className, List<String> searched) implements ClassSearch {

    public Missing {
      searched = List.copyOf(searched);
    }
  }

  /**
   * A jar holds it and it cannot be loaded: a class it needs is missing, or it was compiled for a
   * newer Java.
   *
   * @param pluginDir the plugin directory it is in ({@code plugins.d/udp}), or null on the class
   *     path
   * @param classFileVersion its class file's major version, or 0 if unread
   */
  record Broken(String className, Origin origin, String pluginDir, LinkageError error,
      int classFileVersion) implements ClassSearch {}
}
