package dev.openqoe.bench.path;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One part (or the whole path) under load: runs the steps {@link RateSearch} asks for, reading
 * every lag and error check every {@value #SAMPLE_MILLIS} ms, and ends a step early once it has
 * failed.
 *
 * <p>A Kafka consumer's lag is judged by its lowest reading over {@link LagSource#floorWindow()}:
 * the pipeline commits its group's offsets on its checkpoints (every 10 s), and until its real-time
 * topics are written at-least-once their records become readable on those checkpoints too, so a raw
 * reading swings by the checkpoint interval; the lowest reading of a window that holds a checkpoint
 * is what the consumer has really not read.
 */
final class Phase implements RateSearch.Trials {

  private static final long SAMPLE_MILLIS = 2000;
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
  private static final Duration DRAIN_LIMIT = Duration.ofMinutes(3);

  /** One lag reading, in seconds. */
  interface LagReading {
    double seconds() throws Exception;
  }

  /** A lag the phase watches. */
  record LagSource(String name, LagReading reading, Duration floorWindow) {}

  /** Errors that appeared since the last call: a part exited, a job restarted, DLQ records. */
  interface ErrorCheck {
    List<String> newErrors() throws Exception;
  }

  private record Reading(long atNanos, double seconds) {}

  private final String name;
  private final Load load;
  private final List<LagSource> lags;
  private final List<ErrorCheck> checks;
  private final double lagLimitSeconds;
  private final double beaconsPerViewerSecond;
  private final PrintStream progress;
  private final Map<String, Deque<Reading>> history = new LinkedHashMap<>();

  Phase(
      String name,
      Load load,
      List<LagSource> lags,
      List<ErrorCheck> checks,
      double lagLimitSeconds,
      double beaconsPerViewerSecond,
      PrintStream progress) {
    this.name = name;
    this.load = load;
    this.lags = List.copyOf(lags);
    this.checks = List.copyOf(checks);
    this.lagLimitSeconds = lagLimitSeconds;
    this.beaconsPerViewerSecond = beaconsPerViewerSecond;
    this.progress = progress;
    lags.forEach(lag -> history.put(lag.name(), new ArrayDeque<>()));
  }

  @Override
  public StepResult run(double rate, Duration duration, boolean hold) throws Exception {
    load.rate(rate);
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    long judgeFrom = start;
    if (hold) {
      history.values().forEach(Deque::clear);
      judgeFrom += longestWindow().toNanos();
    }
    progress.printf(
        Locale.ROOT,
        "bench-path: %s: %s %,.0f beacons/s (%,.0f viewers) for %d s%n",
        name,
        hold ? "holding" : "step",
        rate,
        rate / beaconsPerViewerSecond,
        duration.toSeconds());
    LoadCounters.Snapshot before = load.counters().snapshot();
    Map<String, Double> worst = new LinkedHashMap<>();
    lags.forEach(lag -> worst.put(lag.name(), 0.0));
    List<String> errors = new ArrayList<>();
    long nextProgress = start + PROGRESS_EVERY.toNanos();
    while (System.nanoTime() < end) {
      Thread.sleep(Math.max(0, Math.min(SAMPLE_MILLIS, (end - System.nanoTime()) / 1_000_000)));
      long now = System.nanoTime();
      Map<String, Double> judged = sample(now, errors);
      if (now >= judgeFrom) {
        judged.forEach((lag, seconds) -> worst.merge(lag, seconds, Math::max));
      }
      for (ErrorCheck check : checks) {
        errors.addAll(check.newErrors());
      }
      LoadCounters.Snapshot done = load.counters().snapshot().minus(before);
      if (done.failedRequests() > 0 || done.rejectedBeacons() > 0) {
        errors.add(loadErrors(done));
      }
      if (now >= nextProgress) {
        nextProgress += PROGRESS_EVERY.toNanos();
        progress.printf(
            Locale.ROOT,
            "bench-path: %s:   %3d s: %,.0f beacons/s taken; lag %s%n",
            name,
            (now - start) / 1_000_000_000L,
            done.beaconsStored() / load.unitsPerBeacon() / ((now - start) / 1e9),
            lagText(judged));
      }
      boolean lagFailed =
          now >= judgeFrom && worst.values().stream().anyMatch(lag -> lag >= lagLimitSeconds);
      if (!errors.isEmpty() || lagFailed) {
        break;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    LoadCounters.Snapshot done = load.counters().snapshot().minus(before);
    double achieved = done.beaconsStored() / load.unitsPerBeacon() / seconds;
    StepResult result =
        new StepResult(rate, seconds, achieved, worst, errors.stream().distinct().toList(), hold);
    progress.printf(
        Locale.ROOT,
        "bench-path: %s: %,.0f beacons/s %s: %s (took %,.0f/s over %.0f s; worst lag %s)%n",
        name,
        rate,
        hold ? "hold" : "step",
        result.passed(lagLimitSeconds) ? "passed" : "FAILED",
        achieved,
        seconds,
        lagText(worst));
    if (!result.passed(lagLimitSeconds)) {
      progress.printf("bench-path: %s:   why: %s%n", name, result.verdict(lagLimitSeconds));
    }
    return result;
  }

  /**
   * Runs the load at {@code rate} for {@code duration} without judging it, then lets the parts
   * catch up: the JIT compilers of the generator and the parts warm up before the first step.
   */
  void warmUp(double rate, Duration duration) throws Exception {
    progress.printf(
        Locale.ROOT,
        "bench-path: %s: warming up at %,.0f beacons/s for %d s (not judged)%n",
        name,
        rate,
        duration.toSeconds());
    load.rate(rate);
    Thread.sleep(duration.toMillis());
    drain();
    lags.forEach(lag -> history.get(lag.name()).clear());
  }

  /** Reads every lag once; returns each as judged (the lowest reading of its window). */
  private Map<String, Double> sample(long now, List<String> errors) {
    Map<String, Double> judged = new LinkedHashMap<>();
    for (LagSource lag : lags) {
      double seconds;
      try {
        seconds = lag.reading().seconds();
      } catch (Exception e) {
        errors.add("cannot read the lag of " + lag.name() + ": " + e);
        continue;
      }
      Deque<Reading> readings = history.get(lag.name());
      readings.add(new Reading(now, seconds));
      while (readings.size() > 1
          && readings.peekFirst().atNanos() < now - lag.floorWindow().toNanos()) {
        readings.pollFirst();
      }
      judged.put(lag.name(), readings.stream().mapToDouble(Reading::seconds).min().orElse(seconds));
    }
    return judged;
  }

  /**
   * Stops the load and waits until every lag is under half the limit (at most {@link
   * #DRAIN_LIMIT}), so that a hold starts from a part that has caught up.
   */
  @Override
  public void drain() throws Exception {
    load.rate(0);
    long start = System.nanoTime();
    long deadline = start + DRAIN_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      boolean caughtUp = true;
      for (LagSource lag : lags) {
        try {
          caughtUp &= lag.reading().seconds() < lagLimitSeconds / 2;
        } catch (Exception e) {
          caughtUp = false;
        }
      }
      if (caughtUp) {
        break;
      }
      Thread.sleep(SAMPLE_MILLIS);
    }
    // What arrived during the drain is no part of the next step.
    checks.forEach(
        check -> {
          try {
            check.newErrors();
          } catch (Exception ignored) {
            // read again, and reported, during the step
          }
        });
    progress.printf(
        Locale.ROOT,
        "bench-path: %s: load stopped %.0f s to let the parts catch up%n",
        name,
        (System.nanoTime() - start) / 1e9);
  }

  private Duration longestWindow() {
    return lags.stream().map(LagSource::floorWindow).max(Duration::compareTo).orElse(Duration.ZERO);
  }

  private static String loadErrors(LoadCounters.Snapshot done) {
    return String.format(
        Locale.ROOT,
        "%d requests failed, %d beacons refused (last errors: %s)",
        done.failedRequests(),
        done.rejectedBeacons(),
        done.lastErrors().isEmpty() ? "none" : done.lastErrors());
  }

  private static String lagText(Map<String, Double> lags) {
    StringBuilder text = new StringBuilder();
    lags.forEach(
        (lag, seconds) ->
            text.append(text.isEmpty() ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %.1f s", lag, seconds)));
    return text.isEmpty() ? "none" : text.toString();
  }
}
