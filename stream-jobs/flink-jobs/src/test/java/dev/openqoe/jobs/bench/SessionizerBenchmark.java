package dev.openqoe.jobs.bench;

import dev.openqoe.jobs.PipelineBenchmarkSupport;
import java.util.Locale;

/**
 * Sessionizer throughput against the engine's ceiling on the same Kafka input, and state bytes per
 * open session. Run with {@code stream-jobs/flink-jobs/bench/sessionizer-benchmark.sh [sessions]}.
 */
public final class SessionizerBenchmark {

  private SessionizerBenchmark() {}

  public static void main(String[] args) throws Exception {
    int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    try (PipelineBenchmarkSupport bench = PipelineBenchmarkSupport.start(sessions)) {
      System.out.printf(
          Locale.ROOT,
          "sessionizer benchmark: %,d beacons of %,d sessions in Kafka, parallelism 2, heap state%n",
          bench.beacons(),
          sessions);
      // Warm the JVM once so neither job pays for class loading and JIT alone.
      bench.keyedCountSeconds();
      double ceiling = bench.keyedCountSeconds();
      double sessionizer = bench.sessionizerSeconds();
      double ceilingRate = bench.beacons() / ceiling;
      double sessionizerRate = bench.beacons() / sessionizer;
      System.out.printf(
          Locale.ROOT,
          "  keyed count (ceiling)   %6.2f s  %,10.0f events/s%n",
          ceiling,
          ceilingRate);
      System.out.printf(
          Locale.ROOT,
          "  sessionizer             %6.2f s  %,10.0f events/s  ratio %.2f (target >= 0.50)%n",
          sessionizer,
          sessionizerRate,
          sessionizerRate / ceilingRate);
      System.out.printf(
          Locale.ROOT,
          "  state per open session  %,10.0f bytes (target < 1024)%n",
          bench.stateBytesPerOpenSession(5_000));
    }
  }
}
