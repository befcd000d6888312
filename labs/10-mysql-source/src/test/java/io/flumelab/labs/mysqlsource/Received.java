package io.flumelab.labs.mysqlsource;

import io.flumelab.harness.LocalFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the sink wrote: the ids of the rows that arrived as the test wrote them, in order, and the
 * lines that did not ({@code id,name}, a trailing comma allowed as the notes write one).
 */
record Received(List<Integer> ids, List<String> garbled) {

  private static final Pattern ROW = Pattern.compile("(\\d+),(.*?),?");

  static Received in(Path directory) {
    List<Integer> ids = new ArrayList<>();
    List<String> garbled = new ArrayList<>();
    for (String line : LocalFiles.completeLines(directory)) {
      Matcher row = ROW.matcher(line);
      int id = row.matches() ? Integer.parseInt(row.group(1)) : -1;
      if (id >= 0 && (line.equals(Rows.line(id)) || line.equals(Rows.line(id) + ","))) {
        ids.add(id);
      } else {
        garbled.add(line);
      }
    }
    return new Received(ids, garbled);
  }

  boolean containsAll(Collection<Integer> expected) {
    return new TreeSet<>(ids).containsAll(expected);
  }

  SortedSet<Integer> missing(Collection<Integer> expected) {
    SortedSet<Integer> missing = new TreeSet<>(expected);
    ids.forEach(missing::remove);
    return missing;
  }

  List<Integer> twice() {
    List<Integer> seen = new ArrayList<>();
    List<Integer> twice = new ArrayList<>();
    for (int id : ids) {
      if (seen.contains(id) && !twice.contains(id)) {
        twice.add(id);
      }
      seen.add(id);
    }
    return twice;
  }
}
