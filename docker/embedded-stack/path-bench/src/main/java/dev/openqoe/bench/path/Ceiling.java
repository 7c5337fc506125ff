package dev.openqoe.bench.path;

import java.time.Duration;

/**
 * A load generator's own ceiling: the beacons per second it gets taken when asked for far more than
 * it can send, against a target that does nothing (a bare HTTP 204 server, or a broker nobody
 * reads), measured after a warm-up.
 */
final class Ceiling {

  private static final double FLAT_OUT = 2_000_000;

  private Ceiling() {}

  static double measure(Load load, Duration warmup, Duration measured) throws InterruptedException {
    load.rate(FLAT_OUT);
    Thread.sleep(warmup.toMillis());
    LoadCounters.Snapshot before = load.counters().snapshot();
    long start = System.nanoTime();
    Thread.sleep(measured.toMillis());
    LoadCounters.Snapshot done = load.counters().snapshot().minus(before);
    double seconds = (System.nanoTime() - start) / 1e9;
    load.rate(0);
    if (done.failedRequests() > 0) {
      throw new IllegalStateException(
          "the load generator's ceiling run failed requests: " + done.lastErrors());
    }
    return done.beaconsStored() / load.unitsPerBeacon() / seconds;
  }
}
