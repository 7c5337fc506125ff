package dev.openqoe.ingest.bench;

import java.util.Arrays;

/** Latencies of one benchmark phase, bounded in count; read once the phase is over. */
final class LatencyRecorder {

  private final long[] nanos;
  private int count;
  private long errors;

  LatencyRecorder(int capacity) {
    this.nanos = new long[capacity];
  }

  synchronized void record(long latencyNanos, boolean ok) {
    if (!ok) {
      errors++;
    }
    if (count < nanos.length) {
      nanos[count++] = latencyNanos;
    }
  }

  synchronized int count() {
    return count;
  }

  synchronized long errors() {
    return errors;
  }

  synchronized double percentileMillis(double percentile) {
    if (count == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    int index = (int) Math.min(count - 1, Math.ceil(percentile / 100 * count) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }
}
