package dev.openqoe.jobs;

import dev.openqoe.session.QoeAggregate;
import dev.openqoe.session.StartupTimes;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.flink.table.data.RowData;

/**
 * What a backfill changes, as a user reads it before anything is written: per table and partition
 * the row counts now and after, and per day of {@code dwd.sessions} the QoE metrics ({@link
 * QoeAggregate}, VST percentiles from {@link StartupTimes}) now and after.
 */
final class BackfillReport {

  private BackfillReport() {}

  static void print(PrintStream out, BackfillPlan plan) {
    out.printf(
        Locale.ROOT,
        "backfill of %s: %,d beacons received in the range, %,d sessions recomputed, %,d on the"
            + " edges keep their rows%s%n",
        plan.range,
        plan.beaconsRead,
        plan.sessionsRecomputed,
        plan.sessionsOnEdges,
        plan.unreadableBeacons == 0
            ? ""
            : String.format(Locale.ROOT, ", %,d unreadable ODS rows", plan.unreadableBeacons));
    out.println();
    out.printf(
        Locale.ROOT, "%-24s %-36s %10s    %10s%n", "table", "partition", "rows now", "after");
    for (BackfillPlan.TablePlan table : plan.tables.values()) {
      for (String partition : table.partitions()) {
        out.printf(
            Locale.ROOT,
            "%-24s %-36s %,10d -> %,10d%n",
            table.table().tableName(),
            partition,
            table.oldRows().getOrDefault(partition, List.of()).size(),
            table.newRows().getOrDefault(partition, List.of()).size());
      }
    }
    out.println();
    out.printf(
        Locale.ROOT,
        "%-36s %-16s %14s    %14s%n",
        "dwd.sessions partition",
        "metric",
        "now",
        "after");
    for (String partition : plan.sessions.partitions()) {
      Metrics now = Metrics.of(plan.sessions.oldRows().getOrDefault(partition, List.of()));
      Metrics after = Metrics.of(plan.sessions.newRows().getOrDefault(partition, List.of()));
      metric(out, partition, "sessions", now, after, m -> count(m.total.sessions()));
      metric(out, partition, "VSF", now, after, m -> percent(m.total.vsfRate()));
      metric(out, partition, "VSF business", now, after, m -> percent(m.total.vsfBusinessRate()));
      metric(out, partition, "EBVS", now, after, m -> percent(m.total.ebvsRate()));
      metric(out, partition, "VPF", now, after, m -> percent(m.total.vpfRate()));
      metric(out, partition, "VPF business", now, after, m -> percent(m.total.vpfBusinessRate()));
      metric(out, partition, "RBR", now, after, m -> percent(m.total.rebufferingRatio()));
      metric(out, partition, "VST p50", now, after, m -> millis(m.startup, 50));
      metric(out, partition, "VST p95", now, after, m -> millis(m.startup, 95));
      metric(out, partition, "avg bitrate", now, after, m -> kbps(m.total.avgBitrateKbps()));
    }
  }

  /** The metrics of a set of {@code dwd.sessions} rows. */
  private record Metrics(QoeAggregate total, StartupTimes startup) {
    static Metrics of(List<RowData> sessionRows) {
      Metrics metrics = new Metrics(new QoeAggregate(), new StartupTimes());
      for (RowData row : sessionRows) {
        var facts = SessionTotals.facts(row);
        metrics.total.add(facts);
        metrics.startup.add(facts);
      }
      return metrics;
    }
  }

  private static void metric(
      PrintStream out,
      String partition,
      String name,
      Metrics now,
      Metrics after,
      Function<Metrics, String> value) {
    String before = value.apply(now);
    String then = value.apply(after);
    out.printf(
        Locale.ROOT,
        "%-36s %-16s %14s -> %14s%s%n",
        partition,
        name,
        before,
        then,
        before.equals(then) ? "" : "   changed");
  }

  private static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  private static String percent(Double rate) {
    return rate == null ? "-" : String.format(Locale.ROOT, "%.3f %%", rate * 100);
  }

  private static String millis(StartupTimes times, double percentile) {
    return times.count() == 0
        ? "-"
        : String.format(Locale.ROOT, "%,d ms", times.percentile(percentile));
  }

  private static String kbps(Double value) {
    return value == null ? "-" : String.format(Locale.ROOT, "%,.0f kbps", value);
  }
}
