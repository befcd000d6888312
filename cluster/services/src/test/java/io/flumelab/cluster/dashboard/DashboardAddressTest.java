package io.flumelab.cluster.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardAddressTest {

  @TempDir
  Path state;

  @Test
  void aRunningDashboardIsFoundUntilItWithdraws() {
    DashboardAddress address = DashboardAddress.announce(state, "http://127.0.0.1:8660/");

    assertThat(DashboardAddress.running(state))
        .containsExactly(new DashboardAddress(ProcessHandle.current().pid(), "http://127.0.0.1:8660/"));
    address.withdraw(state);
    assertThat(DashboardAddress.running(state)).isEmpty();
  }

  @Test
  void theAddressOfAGoneProcessIsNotReportedAndTheNextDashboardRemovesIt() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path left = Files.createDirectories(state.resolve("run"))
        .resolve("dashboard-" + gone.pid() + ".url");
    Files.writeString(left, "http://127.0.0.1:8661/\n");

    assertThat(DashboardAddress.running(state)).isEmpty();
    DashboardAddress.announce(state, "http://127.0.0.1:8660/");
    assertThat(left).doesNotExist();
  }

  @Test
  void noStateDirectoryMeansNoDashboard() {
    assertThat(DashboardAddress.running(state.resolve("never-made"))).isEmpty();
  }
}
