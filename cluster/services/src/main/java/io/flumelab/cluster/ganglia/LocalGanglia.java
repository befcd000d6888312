package io.flumelab.cluster.ganglia;

import io.flumelab.cluster.Backend;
import io.flumelab.cluster.ChildProcess;
import io.flumelab.cluster.LocalProgramService;
import io.flumelab.cluster.PortCheck;
import io.flumelab.cluster.Programs;
import io.flumelab.cluster.ServiceException;
import io.flumelab.cluster.Settings;
import io.flumelab.cluster.WorkDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Debian's gmond (package ganglia-monitor) as a child process, with a {@link GmondConfig}
 * receiving on UDP and serving XML on TCP at hadoop102's address.
 */
public final class LocalGanglia extends LocalProgramService implements GangliaService {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);

  private final int port = Settings.port(PORT_KEY, DEFAULT_PORT);

  @Override
  public Backend backend() {
    return Backend.LOCAL;
  }

  @Override
  public String engine() {
    return "gmond (" + program() + ")";
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public synchronized void start() {
    if (status == Status.RUNNING) {
      return;
    }
    PortCheck.requireFree(HOST, port, PORT_KEY);
    PortCheck.requireFreeUdp(HOST, port, PORT_KEY);
    try {
      dir = WorkDirs.create("ganglia");
      Path conf = Files.writeString(dir.resolve("gmond.conf"), config());
      process = ChildProcess.start("gmond", List.of(program(), "--conf=" + conf, "--foreground"), dir);
      process.awaitReady(this::servesXml, READY_TIMEOUT, "serving XML on " + HOST.describe() + ":" + port,
          "see gmond's output above; the port is set with " + PORT_KEY);
      status = Status.RUNNING;
    } catch (IOException | RuntimeException e) {
      status = Status.FAILED;
      stopQuietly();
      if (e instanceof ServiceException serviceException) {
        throw serviceException;
      }
      throw new ServiceException("gmond could not start: " + e, "see the cause below", e);
    }
  }

  String config() {
    return GmondConfig.text(HOST.name(), HOST.address(), port);
  }

  private static String program() {
    return Programs.find("gmond").map(Path::toString).orElse("gmond");
  }

}
