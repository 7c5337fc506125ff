package dev.openqoe.pinot.explain;

import dev.openqoe.pinot.SharedPinot;
import dev.openqoe.pinot.drill.Drill;
import dev.openqoe.pinot.drill.DrillMetric;
import dev.openqoe.pinot.drill.DrillRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code qoe explain} on the embedded Pinot over an hour of traffic ({@link ExplainScenario} at the
 * given rate, with its three incidents in the last half hour), per metric, next to a one-dimension
 * drill-down on the same sessions measured in the same run. Prints p50 and max per metric and the
 * ratio to the drill-down's p50.
 */
public final class ExplainBenchmark {

  private static final int WARM_UP = 3;
  private static final int RUNS = 15;

  private ExplainBenchmark() {}

  public static void main(String[] args) {
    try {
      run(args);
    } catch (RuntimeException e) {
      // the embedded Kafka and Pinot keep the JVM alive: end it with the reason
      System.err.println("explain benchmark failed: " + e);
      e.printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }

  private static void run(String[] args) {
    int perHour = args.length > 0 ? Integer.parseInt(args[0]) : 36_000;
    System.out.printf(
        "starting the embedded Kafka and Pinot, then loading an hour of %d sessions...%n", perHour);
    SharedPinot shared = SharedPinot.get();
    long loading = System.nanoTime();
    ExplainScenario scenario = ExplainScenario.loadInto(shared, perHour / 2, 2);
    System.out.printf(
        "loaded %d sessions, %d delivery records, %d health rows in %d s (Pinot JVM pid %d)%n",
        scenario.sessions.size(),
        scenario.deliveryRecords.size(),
        scenario.health.size(),
        (System.nanoTime() - loading) / 1_000_000_000,
        shared.pinot().pid());
    Clock clock = scenario.clock();
    Map<String, List<String>> where = Map.of("property_id", List.of(ExplainScenario.PROPERTY));
    Drill drill = new Drill(shared.broker(), clock);
    List<Long> drills =
        time(
            () ->
                drill.run(
                    new DrillRequest(
                        DrillMetric.VSF, List.of("cdn"), where, Duration.ofMinutes(30), 20)));
    long drillP50 = percentile(drills, 50);
    System.out.printf(
        "baseline: drill --metric vsf --by cdn --since 30m: p50 %d ms, max %d ms%n",
        drillP50, percentile(drills, 100));
    System.out.printf(
        "%-12s %8s %8s %8s %s%n", "explain", "p50 ms", "max ms", "x drill", "verdicts");
    try (Explain explain = new Explain(shared.broker(), clock)) {
      for (DrillMetric metric : DrillMetric.values()) {
        ExplainRequest request =
            new ExplainRequest(metric, where, Duration.ofMinutes(30), 3, BaselineChoice.AUTO);
        List<String> verdicts = new ArrayList<>();
        List<Long> times =
            time(
                () -> {
                  Explanation explanation = explain.run(request);
                  verdicts.clear();
                  explanation
                      .slices()
                      .forEach(
                          slice ->
                              verdicts.add(
                                  ExplainText.describe(slice.dimensions())
                                      + " -> "
                                      + slice.verdict()));
                  return explanation;
                });
        long p50 = percentile(times, 50);
        System.out.printf(
            "%-12s %8d %8d %8.1f %s%n",
            metric.id(),
            p50,
            percentile(times, 100),
            (double) p50 / Math.max(1, drillP50),
            verdicts);
      }
    }
  }

  private static List<Long> time(Supplier<?> question) {
    for (int i = 0; i < WARM_UP; i++) {
      question.get();
    }
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      long began = System.nanoTime();
      question.get();
      millis.add((System.nanoTime() - began) / 1_000_000);
    }
    Collections.sort(millis);
    return millis;
  }

  private static long percentile(List<Long> sorted, int percentile) {
    int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, index));
  }
}
