package dev.openqoe.pinot.freshness;

import dev.openqoe.cli.DurationConverter;
import dev.openqoe.pinot.PinotBroker;
import dev.openqoe.pinot.PinotBrokerOption;
import dev.openqoe.pinot.PinotTable;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "freshness",
    mixinStandardHelpOptions = true,
    description = {
      "Post probe sessions to the collector and measure how long until their rows are queryable in"
          + " Pinot (collector -> Kafka -> pipeline -> Kafka -> Pinot); prints p50/p95 per table.",
      "Needs the whole path running: ./qoe collector, ./qoe pipeline, ./qoe pinot. Probes carry"
          + " player_name 'qoe-freshness'; use a dedicated property (--key) to keep them apart."
    })
public final class FreshnessCommand implements Callable<Integer> {

  /** The target the issue sets for interval rows. */
  static final Duration INTERVAL_P95_TARGET = Duration.ofSeconds(5);

  @Spec CommandSpec spec;

  @Option(names = "--collector", defaultValue = "http://127.0.0.1:8480")
  String collector;

  @Option(names = "--key", defaultValue = "dev-key", description = "the property's ingest key")
  String key;

  @Mixin PinotBrokerOption broker;

  @Option(names = "--sessions", defaultValue = "20", description = "probe sessions to send")
  int sessions;

  @Option(
      names = "--every",
      defaultValue = "500ms",
      converter = DurationConverter.class,
      description = "time between probes (default ${DEFAULT-VALUE})")
  Duration every;

  @Option(
      names = "--timeout",
      defaultValue = "60s",
      converter = DurationConverter.class,
      description = "how long to wait for rows after the last probe (default ${DEFAULT-VALUE})")
  Duration timeout;

  @Override
  public Integer call() throws InterruptedException {
    if (sessions < 1) {
      throw new IllegalArgumentException("--sessions must be at least 1");
    }
    PinotBroker pinot = broker.broker();
    FreshnessProbe.Result result =
        new FreshnessProbe(collector, key, pinot, Clock.systemUTC()).run(sessions, every, timeout);
    PrintWriter out = spec.commandLine().getOut();
    for (Map.Entry<PinotTable, List<Long>> entry : result.delays().entrySet()) {
      out.println(line(entry.getKey().tableName(), entry.getValue()));
    }
    List<Long> intervals = result.delays().get(PinotTable.INTERVALS);
    if (!intervals.isEmpty()) {
      long p95 = Percentiles.nearestRank(intervals, 95);
      out.printf(
          "interval rows p95 %s the %d s target%n",
          p95 < INTERVAL_P95_TARGET.toMillis() ? "meets" : "MISSES",
          INTERVAL_P95_TARGET.toSeconds());
    }
    if (!result.missing().isEmpty()) {
      out.println("never seen within " + timeout + ": " + String.join(", ", result.missing()));
    }
    out.flush();
    return result.missing().isEmpty() ? 0 : 1;
  }

  static String line(String table, List<Long> delays) {
    if (delays.isEmpty()) {
      return table + ": no rows arrived";
    }
    return String.format(
        java.util.Locale.ROOT,
        "%s: %d probes, p50 %.2f s, p95 %.2f s, max %.2f s",
        table,
        delays.size(),
        Percentiles.nearestRank(delays, 50) / 1000.0,
        Percentiles.nearestRank(delays, 95) / 1000.0,
        delays.stream().mapToLong(Long::longValue).max().orElseThrow() / 1000.0);
  }
}
