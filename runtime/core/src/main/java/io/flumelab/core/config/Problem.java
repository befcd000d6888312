package io.flumelab.core.config;

/**
 * One thing wrong (or worth a warning) in a configuration file, rendered like a compiler message:
 * {@code jobs/x.conf:12: a1.channels.c1.capcity: unknown key 'capcity' for channel type 'memory'. Did you mean 'capacity'?}
 *
 * @param file the file as the user named it
 * @param line 1-based line, or 0 when no line applies (a missing list, an unreadable file)
 * @param key the full key at fault, or null
 * @param message what is wrong: lower case, no final period
 * @param fix what to do about it, as whole sentences, or null
 * @param severity errors stop the agent; warnings are printed only
 */
public record Problem(String file, int line, String key, String message, String fix, Severity severity) {

  public enum Severity { ERROR, WARNING }

  public static Problem error(String file, int line, String key, String message, String fix) {
    return new Problem(file, line, key, message, fix, Severity.ERROR);
  }

  public static Problem warning(String file, int line, String key, String message, String fix) {
    return new Problem(file, line, key, message, fix, Severity.WARNING);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** The same finding as a warning, with a sentence appended to the fix (lenient mode). */
  Problem downgraded(String note) {
    String newFix = note == null ? fix : fix == null ? note : fix + " " + note;
    return new Problem(file, line, key, message, newFix, Severity.WARNING);
  }

  /** {@code file:line: [warning: ]key: message. Fix} — parts that are absent are left out. */
  public String render() {
    StringBuilder out = new StringBuilder(file);
    if (line > 0) {
      out.append(':').append(line);
    }
    out.append(": ");
    if (severity == Severity.WARNING) {
      out.append("warning: ");
    }
    if (key != null) {
      out.append(key).append(": ");
    }
    out.append(message);
    if (fix != null) {
      out.append(". ").append(fix);
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return render();
  }
}
