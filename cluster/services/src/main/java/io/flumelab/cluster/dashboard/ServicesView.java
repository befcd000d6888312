package io.flumelab.cluster.dashboard;

import java.util.List;

/**
 * The course's services as {@code bin/flumelab status} knows them, for the dashboard's table.
 *
 * @param summary one line: {@code flumelab up: running (pid 123, since 19:02:11)}, or how to start it
 * @param rows one per service {@code up} runs or skipped
 */
public record ServicesView(String summary, List<Row> rows) {

  /**
   * One service.
   *
   * @param state {@code answers}, {@code not answering}, {@code starting} or {@code not running}
   * @param detail what does not answer, or why it does not run
   */
  public record Row(String name, String backend, List<String> addresses, String state,
      String detail) {

    public Row {
      addresses = List.copyOf(addresses);
    }
  }

  public ServicesView {
    rows = List.copyOf(rows);
  }
}
