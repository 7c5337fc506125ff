package dev.openqoe.pinot.drill;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One drill-down: a metric broken down by dimensions, over the sessions that ended in the last
 * {@code since}, optionally restricted to dimension values (several values of one dimension: any of
 * them).
 */
public record DrillRequest(
    DrillMetric metric,
    List<String> by,
    Map<String, List<String>> where,
    Duration since,
    int limit) {

  public static final Duration DEFAULT_SINCE = Duration.ofMinutes(30);
  public static final int DEFAULT_LIMIT = 20;

  public DrillRequest {
    if (by.isEmpty()) {
      throw new IllegalArgumentException(
          "name at least one dimension to break down by; valid dimensions: "
              + String.join(", ", DrillDimension.ALL));
    }
    by = by.stream().map(DrillDimension::check).distinct().toList();
    where = DrillDimension.checkFilters(where);
    if (since.isNegative() || since.isZero()) {
      throw new IllegalArgumentException("--since must be a positive duration, e.g. 30m");
    }
    if (limit < 1) {
      throw new IllegalArgumentException("the group limit must be at least 1");
    }
  }

  /** Reads {@code dimension=value} filters, as given to {@code --where} or {@code where=}. */
  public static Map<String, List<String>> parseWhere(List<String> filters) {
    Map<String, List<String>> where = new LinkedHashMap<>();
    for (String filter : filters) {
      int eq = filter.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "a filter is dimension=value, e.g. country=BR; got '" + filter + "'");
      }
      String dimension = DrillDimension.check(filter.substring(0, eq));
      where.computeIfAbsent(dimension, d -> new ArrayList<>()).add(filter.substring(eq + 1));
    }
    return where;
  }

  /** Reads a comma-separated dimension list such as {@code cdn,country}. */
  public static List<String> parseBy(String by) {
    return List.of(by.split(",")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
