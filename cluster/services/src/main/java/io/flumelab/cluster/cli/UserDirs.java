package io.flumelab.cluster.cli;

import io.flumelab.cluster.Settings;
import java.nio.file.Path;

/**
 * Where {@code bin/flumelab} keeps its files for the user ({@code flumelab.state.dir}, default
 * {@code ~/.flumelab}): {@code conf/} is a conf dir for {@code flume-ng agent -c} holding the
 * hosts file every FlumeLab JVM resolves the course's names with; {@code run/} holds the running
 * session's state and its services' data.
 */
record UserDirs(Path root) {

  static final String KEY = "flumelab.state.dir";

  static UserDirs fromSettings() {
    return new UserDirs(Path.of(Settings.get(KEY)
        .orElse(Path.of(System.getProperty("user.home"), ".flumelab").toString())).toAbsolutePath());
  }

  Path conf() {
    return root.resolve("conf");
  }

  Path hostsFile() {
    return conf().resolve("hosts");
  }

  Path sessionFile() {
    return root.resolve("run").resolve("up.properties");
  }

  /** The services' data while {@code up} runs; removed by {@code down} after an {@code up} was killed. */
  Path work() {
    return root.resolve("run").resolve("work");
  }
}
