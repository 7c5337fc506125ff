package dev.openqoe.pinot.explain;

import dev.openqoe.pinot.drill.DrillDimension;
import dev.openqoe.pinot.drill.DrillMetric;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One question: why is {@code metric} what it is over the sessions that ended in the last {@code
 * since}, optionally within dimension values.
 *
 * @param slices how many slices to explain, biggest excess first
 */
public record ExplainRequest(
    DrillMetric metric,
    Map<String, List<String>> where,
    Duration since,
    int slices,
    BaselineChoice baseline) {

  public static final Duration DEFAULT_SINCE = Duration.ofMinutes(30);
  public static final int DEFAULT_SLICES = 3;

  public ExplainRequest {
    where = DrillDimension.checkFilters(where);
    if (since.isNegative() || since.isZero()) {
      throw new IllegalArgumentException("--since must be a positive duration, e.g. 30m");
    }
    if (slices < 1 || slices > 10) {
      throw new IllegalArgumentException("the number of slices must be 1 to 10, got " + slices);
    }
  }
}
