package dev.openqoe.session;

import java.util.Arrays;

/**
 * The video startup times of started sessions, for exact percentiles: 8 bytes a session, so a
 * replay of ten million sessions needs 80 MB here.
 */
public final class StartupTimes {

  private long[] values = new long[1024];
  private int size;
  private boolean sorted = true;

  public void add(SessionFacts session) {
    if (session.started() && session.vstMs() != null) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = session.vstMs();
      sorted = false;
    }
  }

  public int count() {
    return size;
  }

  /**
   * The nearest-rank percentile: the smallest value with at least {@code percent}% of values at or
   * below it; null when there are none.
   */
  public Long percentile(double percent) {
    if (percent <= 0 || percent > 100) {
      throw new IllegalArgumentException("percentile must be in (0, 100], got " + percent);
    }
    if (size == 0) {
      return null;
    }
    if (!sorted) {
      Arrays.sort(values, 0, size);
      sorted = true;
    }
    int rank = (int) Math.ceil(percent / 100.0 * size);
    return values[Math.max(rank, 1) - 1];
  }
}
