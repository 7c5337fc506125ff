package dev.openqoe.drillbench;

import java.util.List;
import java.util.Locale;

/**
 * The figures per question: Pinot's p50 / p95 / max, each warehouse engine's p50, and the ratio of
 * the best engine's p50 to Pinot's p50, against the targets (p95 under 100 ms, at least 10x); "-"
 * where an engine was not asked the question.
 */
final class Report {

  private Report() {}

  static void print(
      List<QueryShape> shapes,
      List<Timings> pinot,
      List<WarehouseRun> warehouse,
      int runs,
      double targetP95,
      double targetRatio) {
    StringBuilder header =
        new StringBuilder(
            String.format(Locale.ROOT, "%-8s %8s %8s %8s", "pinot", "p50 ms", "p95 ms", "max ms"));
    for (WarehouseRun engine : warehouse) {
      header.append(String.format(Locale.ROOT, " %10s", engine.engine() + " p50"));
    }
    if (!warehouse.isEmpty()) {
      header.append(String.format(Locale.ROOT, " %8s", "x best"));
    }
    System.out.printf("%nper question (%d timed runs on Pinot):%n", runs);
    System.out.println(header + "  verdict  question");
    int slow = 0;
    int close = 0;
    double worstP95 = 0;
    double worstRatio = Double.MAX_VALUE;
    int asked = 0;
    for (int i = 0; i < shapes.size(); i++) {
      Timings p = pinot.get(i);
      StringBuilder line =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "%-8s %8.1f %8.1f %8.1f",
                  "",
                  p.percentile(50),
                  p.percentile(95),
                  p.max()));
      double best = Double.MAX_VALUE;
      boolean agree = true;
      for (WarehouseRun engine : warehouse) {
        Timings timing = engine.timings().get(i);
        if (timing == null) {
          line.append(String.format(Locale.ROOT, " %10s", "-"));
          continue;
        }
        best = Math.min(best, timing.percentile(50));
        agree &= engine.agrees().get(i);
        line.append(String.format(Locale.ROOT, " %10.0f", timing.percentile(50)));
      }
      boolean compared = best != Double.MAX_VALUE;
      double ratio = best / p.percentile(50);
      if (!warehouse.isEmpty()) {
        line.append(
            compared
                ? String.format(Locale.ROOT, " %8.1f", ratio)
                : String.format(Locale.ROOT, " %8s", "-"));
      }
      if (compared) {
        asked++;
        worstRatio = Math.min(worstRatio, ratio);
      }
      boolean fast = p.percentile(95) < targetP95;
      boolean far = !compared || ratio >= targetRatio;
      slow += fast ? 0 : 1;
      close += far ? 0 : 1;
      worstP95 = Math.max(worstP95, p.percentile(95));
      String verdict = (fast ? "" : "p95! ") + (far ? "" : "ratio! ") + (agree ? "" : "rows? ");
      line.append("  ")
          .append(String.format(Locale.ROOT, "%-7s", verdict.isEmpty() ? "ok" : verdict.strip()));
      line.append("  ").append(shapes.get(i).name());
      System.out.println(line);
    }
    System.out.printf(
        Locale.ROOT,
        "%n%d questions: %d with Pinot p95 at or over %.0f ms (worst %.1f ms)%s%n",
        shapes.size(),
        slow,
        targetP95,
        worstP95,
        warehouse.isEmpty()
            ? ""
            : String.format(
                Locale.ROOT,
                "; of the %d asked of the warehouse engines, %d less than %.0fx faster than the"
                    + " best of them (lowest %.1fx)",
                asked,
                close,
                targetRatio,
                worstRatio));
  }
}
