package io.flumelab.launcher;

import io.flumelab.filechannel.ChannelInspector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flume-ng channel-inspect}: what a file channel's directories hold, read without changing
 * anything (module runtime/file-channel's {@link ChannelInspector}). The directories are the
 * channel's {@code checkpointDir} and {@code dataDirs}, as its configuration names them.
 */
@Command(name = "channel-inspect", mixinStandardHelpOptions = true,
    description = {"Shows what a file channel holds: the events queued (from its checkpoint and "
        + "the log after it), each log segment with its size and live events, the checkpoint's "
        + "age and position, and every damaged record with its file and offset. Changes "
        + "nothing; a running agent's channel may be inspected too."},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
        "0:clean: every record's checksum matches and every queued event is readable",
        "1:damaged records, or committed events lost; each one is listed",
        "2:the directories cannot be read, or a bad command line"})
final class ChannelInspectCommand implements Callable<Integer> {

  @Option(names = "--checkpoint-dir", required = true, paramLabel = "DIR",
      description = "The channel's checkpointDir.")
  Path checkpointDir;

  @Option(names = "--data-dirs", required = true, paramLabel = "DIR[,DIR...]",
      description = "The channel's dataDirs, separated by commas as in its configuration.")
  String dataDirs;

  @Option(names = "--backup-checkpoint-dir", paramLabel = "DIR",
      description = "The channel's backupCheckpointDir, if it has useDualCheckpoints.")
  Path backupCheckpointDir;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    List<Path> dirs = new ArrayList<>();
    for (String part : dataDirs.split(",")) {
      if (!part.isBlank()) {
        dirs.add(Path.of(part.strip()));
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (dirs.isEmpty()) {
      out.println("flume-ng channel-inspect: --data-dirs names no directory");
      out.flush();
      return ChannelInspector.UNREADABLE;
    }
    ChannelInspector.Inspection inspection =
        ChannelInspector.inspect(checkpointDir, backupCheckpointDir, dirs);
    out.print(inspection.render());
    out.flush();
    return inspection.exitStatus();
  }
}
