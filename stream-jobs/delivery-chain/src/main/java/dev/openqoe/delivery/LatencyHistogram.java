package dev.openqoe.delivery;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Durations in milliseconds counted in buckets 10 % wider than the one before (1 ms up to about two
 * minutes, and one bucket above), so percentiles of a minute's requests cost 123 counters however
 * many requests there were. A percentile is read as the upper bound of its bucket: at most 10 %
 * above the exact value.
 */
public final class LatencyHistogram {

  private static final long[] UPPER_BOUNDS_MS = upperBounds();

  private final long[] counts = new long[UPPER_BOUNDS_MS.length + 1];
  private long total;

  private static long[] upperBounds() {
    long[] bounds = new long[122];
    double bound = 1;
    for (int i = 0; i < bounds.length; i++) {
      bounds[i] = (long) Math.ceil(bound);
      bound = Math.max(bound * 1.1, bounds[i] + 1);
    }
    return bounds;
  }

  public void add(long ms) {
    int low = 0;
    int high = UPPER_BOUNDS_MS.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (UPPER_BOUNDS_MS[mid] < ms) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    counts[low]++;
    total++;
  }

  public long count() {
    return total;
  }

  /**
   * The nearest-rank {@code quantile} (0 to 1) as its bucket's upper bound; null when empty. Above
   * the last bound it is the last bound.
   */
  public Long percentile(double quantile) {
    if (total == 0) {
      return null;
    }
    long rank = Math.max(1, (long) Math.ceil(quantile * total));
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return UPPER_BOUNDS_MS[Math.min(i, UPPER_BOUNDS_MS.length - 1)];
      }
    }
    throw new IllegalStateException("counts do not add up to " + total);
  }

  /** Its buckets that counted something, as (bucket, count) pairs: a few bytes, not 123 longs. */
  public void writeTo(DataOutput out) throws IOException {
    int used = 0;
    for (long count : counts) {
      used += count > 0 ? 1 : 0;
    }
    out.writeByte(used);
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        out.writeByte(i);
        VarLong.write(out, counts[i]);
      }
    }
  }

  public static LatencyHistogram readFrom(DataInput in) throws IOException {
    LatencyHistogram histogram = new LatencyHistogram();
    int used = in.readUnsignedByte();
    for (int i = 0; i < used; i++) {
      int bucket = in.readUnsignedByte();
      if (bucket >= histogram.counts.length) {
        throw new IOException("no latency bucket " + bucket);
      }
      long count = VarLong.read(in);
      histogram.counts[bucket] = count;
      histogram.total += count;
    }
    return histogram;
  }

  /** As the first release wrote it: its total, then every bucket's count unless it is 0. */
  static LatencyHistogram readFromVersion1(DataInput in) throws IOException {
    LatencyHistogram histogram = new LatencyHistogram();
    histogram.total = in.readLong();
    if (histogram.total > 0) {
      for (int i = 0; i < histogram.counts.length; i++) {
        histogram.counts[i] = in.readLong();
      }
    }
    return histogram;
  }
}
