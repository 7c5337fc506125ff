package dev.openqoe.pinot.drill;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints a drill-down report as an aligned text table, the biggest cause first. */
public final class DrillTable {

  private DrillTable() {}

  static void print(DrillReport report, DrillMetric metric, PrintWriter out) {
    out.printf(
        "%s (%s), sessions that ended since %s%s%n",
        report.metric(),
        report.description(),
        Instant.ofEpochMilli(report.fromMillis()),
        report.where().isEmpty() ? "" : ", where " + report.where());
    out.printf("all: %s over %d sessions%n", format(metric, report.value()), report.sessions());
    if (report.groups().isEmpty()) {
      out.println("no sessions in this range");
      out.flush();
      return;
    }
    List<String> header = new ArrayList<>(report.by());
    header.addAll(List.of(report.metric(), "sessions", "excess share"));
    List<List<String>> lines = new ArrayList<>();
    lines.add(header);
    for (DrillReport.Row row : report.groups()) {
      List<String> line = new ArrayList<>(row.dimensions().values());
      line.add(format(metric, row.value()));
      line.add(Long.toString(row.sessions()));
      line.add(String.format(Locale.ROOT, "%.1f %%", row.share() * 100));
      lines.add(line);
    }
    int[] widths = new int[header.size()];
    for (List<String> line : lines) {
      for (int i = 0; i < line.size(); i++) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    for (List<String> line : lines) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < line.size(); i++) {
        boolean number = i >= report.by().size();
        String cell = line.get(i);
        String pad = " ".repeat(widths[i] - cell.length());
        text.append(number ? pad + cell : cell + pad).append(i < line.size() - 1 ? "  " : "");
      }
      out.println(text.toString().stripTrailing());
    }
    out.flush();
  }

  public static String format(DrillMetric metric, Double value) {
    if (value == null) {
      return "-";
    }
    return switch (metric.unit()) {
      case PERCENT -> String.format(Locale.ROOT, "%.2f %%", value * 100);
      case MILLISECONDS -> String.format(Locale.ROOT, "%.0f ms", value);
      case KBPS -> String.format(Locale.ROOT, "%.0f kbps", value);
    };
  }
}
