package dev.openqoe.pinot.freshness;

import java.util.List;

/** Nearest-rank percentiles, the definition the session model uses for startup time. */
public final class Percentiles {

  private Percentiles() {}

  /** The smallest value with at least {@code percent} % of the values at or below it. */
  public static long nearestRank(List<Long> values, double percent) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    List<Long> sorted = values.stream().sorted().toList();
    int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
    return sorted.get(Math.max(rank, 1) - 1);
  }
}
