package dev.ticketing.ops.preflight;

/**
 * One line of {@code preflight}'s answer: how serious, which check, what it found and why, and
 * what to do (empty when there is nothing to do). Any {@link Level#BLOCK} makes the exit status 1.
 */
record Verdict(Level level, String check, String finding, String todo) {
  enum Level { OK, WARN, BLOCK }

  static Verdict ok(String check, String finding) {
    return new Verdict(Level.OK, check, finding, "");
  }

  static Verdict warn(String check, String finding, String todo) {
    return new Verdict(Level.WARN, check, finding, todo);
  }

  static Verdict block(String check, String finding, String todo) {
    return new Verdict(Level.BLOCK, check, finding, todo);
  }

  /** {@code BLOCK  concurrency: <finding>. Do: <todo>} on one line. */
  String line() {
    return String.format("%-5s  %s: %s%s", level, check, finding, todo.isEmpty() ? "" : ". Do: " + todo);
  }
}
