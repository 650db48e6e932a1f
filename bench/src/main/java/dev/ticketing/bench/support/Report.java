package dev.ticketing.bench.support;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the benchmark's results go: Markdown on the real standard output (handlers' JSON logs are
 * sent elsewhere) and, at the end, the same text into a file.
 */
public final class Report {
  private final PrintStream out;
  private final StringBuilder text = new StringBuilder();

  public Report(PrintStream out) {
    this.out = out;
  }

  public void line(String line) {
    out.println(line);
    out.flush();
    text.append(line).append('\n');
  }

  public void line(String format, Object... args) {
    line(String.format(Locale.ROOT, format, args));
  }

  public void blank() {
    line("");
  }

  public void heading(String title) {
    blank();
    line("## " + title);
    blank();
  }

  public void subheading(String title) {
    blank();
    line("### " + title);
    blank();
  }

  /** A progress note: on the terminal only, not in the saved report. */
  public void progress(String format, Object... args) {
    out.println("  .. " + String.format(Locale.ROOT, format, args));
    out.flush();
  }

  public Table table(String... columns) {
    return new Table(columns);
  }

  public void save(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  public final class Table {
    private final String[] columns;
    private final List<String[]> rows = new ArrayList<>();

    private Table(String[] columns) {
      this.columns = columns;
    }

    public Table row(Object... cells) {
      String[] row = new String[columns.length];
      for (int i = 0; i < columns.length; i++) {
        row[i] = i < cells.length && cells[i] != null ? cells[i].toString() : "";
      }
      rows.add(row);
      return this;
    }

    public void print() {
      line("| " + String.join(" | ", columns) + " |");
      StringBuilder rule = new StringBuilder("|");
      for (String ignored : columns) {
        rule.append("---|");
      }
      line(rule.toString());
      for (String[] row : rows) {
        line("| " + String.join(" | ", row) + " |");
      }
    }
  }

  public static String f1(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  public static String f2(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  public static String f3(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }

  public static String money(double dollars) {
    return dollars >= 1 ? String.format(Locale.ROOT, "$%,.2f", dollars) : String.format(Locale.ROOT, "$%.4f", dollars);
  }
}
