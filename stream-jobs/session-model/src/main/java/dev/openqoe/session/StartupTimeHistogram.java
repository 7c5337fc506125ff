package dev.openqoe.session;

import java.util.Arrays;
import java.util.List;

/**
 * Video startup times counted in fixed buckets, so that startup percentiles survive aggregation:
 * histograms of any minutes, hours and dimensions add up bucket by bucket. The buckets are 100 ms
 * wide up to 1 s, then widen; a percentile read from them is the upper bound of its bucket, at most
 * one bucket width above the exact value.
 */
public final class StartupTimeHistogram {

  /** Inclusive upper bound of each bucket in ms; the last bucket holds everything above. */
  public static final List<Long> UPPER_BOUNDS_MS =
      List.of(
          100L,
          200L,
          300L,
          400L,
          500L,
          600L,
          700L,
          800L,
          900L,
          1_000L,
          1_250L,
          1_500L,
          1_750L,
          2_000L,
          2_500L,
          3_000L,
          3_500L,
          4_000L,
          5_000L,
          6_000L,
          7_000L,
          8_000L,
          10_000L,
          12_000L,
          15_000L,
          20_000L,
          30_000L,
          60_000L,
          Long.MAX_VALUE);

  private static final long[] BOUNDS =
      UPPER_BOUNDS_MS.stream().mapToLong(Long::longValue).toArray();

  private final long[] counts;

  public StartupTimeHistogram() {
    this.counts = new long[BOUNDS.length];
  }

  private StartupTimeHistogram(long[] counts) {
    this.counts = counts;
  }

  /**
   * Rebuilds a histogram from stored bucket counts (one per bucket of {@link #UPPER_BOUNDS_MS}).
   */
  public static StartupTimeHistogram ofCounts(long[] counts) {
    if (counts.length != BOUNDS.length) {
      throw new IllegalArgumentException(
          "expected " + BOUNDS.length + " bucket counts, got " + counts.length);
    }
    return new StartupTimeHistogram(counts.clone());
  }

  public void add(long vstMs) {
    int bucket = Arrays.binarySearch(BOUNDS, vstMs);
    counts[bucket >= 0 ? bucket : -bucket - 1]++;
  }

  public void merge(StartupTimeHistogram other) {
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
    }
  }

  public long count() {
    return Arrays.stream(counts).sum();
  }

  public long[] counts() {
    return counts.clone();
  }

  /**
   * The upper bound of the bucket holding the nearest-rank percentile, or null when empty. The open
   * last bucket reports its lower bound (60 s).
   */
  public Long percentile(double percent) {
    long total = count();
    if (total == 0) {
      return null;
    }
    long rank = Math.max(1, (long) Math.ceil(percent / 100.0 * total));
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return i == counts.length - 1 ? BOUNDS[i - 1] : BOUNDS[i];
      }
    }
    throw new IllegalStateException("unreachable: rank " + rank + " of " + total);
  }
}
