package io.flumelab.cluster.ganglia;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The VMs' gmond (vagrant/provision/gmond.sh) has the settings of {@code bin/flumelab up}'s
 * ({@link GmondConfig}), but for what a system service on a machine of its own does differently:
 * it daemonizes as the ganglia user and listens on every address. A setting changed on one side
 * only fails here.
 */
class VagrantGmondConfigTest {

  private static final Pattern HEREDOC = Pattern.compile("<<'CONF'\\n(.*?)\\nCONF\\n", Pattern.DOTALL);
  private static final Pattern SECTION = Pattern.compile("(\\w+) \\{(.*?)\\}", Pattern.DOTALL);
  private static final Pattern SETTING = Pattern.compile("^\\s*(\\w+) = (.+?)\\s*$", Pattern.MULTILINE);
  private static final List<String> SERVICE_ONLY = List.of("globals.daemonize", "globals.setuid",
      "globals.user", "udp_recv_channel.bind", "tcp_accept_channel.bind");

  @Test
  void theVmsGmondDiffersFromUpsOnlyAsASystemServiceMust() throws IOException {
    Path script = Path.of(System.getProperty("basedir", "")).toAbsolutePath()
        .resolve("../../vagrant/provision/gmond.sh").normalize();
    Matcher heredoc = HEREDOC.matcher(Files.readString(script));
    assertThat(heredoc.find()).as("the configuration in %s", script).isTrue();

    Map<String, String> vm = settings(heredoc.group(1));
    Map<String, String> up = settings(GmondConfig.text("hadoop102", "127.0.1.102", 8649));

    assertThat(vm).containsEntry("globals.daemonize", "yes").containsEntry("globals.setuid", "yes")
        .containsEntry("globals.user", "ganglia").doesNotContainKey("udp_recv_channel.bind");
    assertThat(up).containsEntry("globals.daemonize", "no").containsEntry("globals.setuid", "no")
        .containsEntry("udp_recv_channel.bind", "127.0.1.102")
        .containsEntry("tcp_accept_channel.bind", "127.0.1.102");
    vm.keySet().removeAll(SERVICE_ONLY);
    up.keySet().removeAll(SERVICE_ONLY);
    assertThat(vm).hasSize(16).isEqualTo(up);
  }

  /** {@code section.key -> value} of a gmond.conf. */
  private static Map<String, String> settings(String conf) {
    Map<String, String> settings = new TreeMap<>();
    Matcher section = SECTION.matcher(conf);
    while (section.find()) {
      Matcher setting = SETTING.matcher(section.group(2));
      while (setting.find()) {
        settings.put(section.group(1) + "." + setting.group(1), setting.group(2));
      }
    }
    return settings;
  }
}
