package dev.openqoe.pinot.drill;

import java.util.List;
import java.util.Map;

/**
 * A drill-down's answer, as printed by {@code qoe drill} and served as JSON.
 *
 * @param value the metric over all matching sessions; null when there were none
 * @param sessions the sessions the metric is over (its population) in the time range
 * @param fromMillis the start of the time range (epoch ms, on ended_at)
 * @param groups the groups with the biggest excess first, at most the request's limit
 */
public record DrillReport(
    String metric,
    String description,
    List<String> by,
    Map<String, List<String>> where,
    long fromMillis,
    Double value,
    long sessions,
    List<Row> groups) {

  /**
   * One group.
   *
   * @param excess how far the group is on the bad side of the global value, times its weight
   * @param share the group's excess over the sum of all positive excesses
   */
  public record Row(
      Map<String, String> dimensions, Double value, long sessions, double excess, double share) {}
}
