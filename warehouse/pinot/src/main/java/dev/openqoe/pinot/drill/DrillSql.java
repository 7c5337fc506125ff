package dev.openqoe.pinot.drill;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The two Pinot SQL queries of a drill-down: the metric per group and over all groups, both on the
 * same sessions. Plain Pinot SQL that runs on 0.11 and 1.x. Aliases never equal a column name
 * (Pinot 0.11 then resolves the column in WHERE to the alias).
 */
public final class DrillSql {

  public static final String TABLE = "qoe_sessions";
  public static final String TIME_COLUMN = "ended_at";
  static final String NUMERATOR = "metric_numerator";
  static final String DENOMINATOR = "metric_denominator";
  static final String SESSIONS = "session_count";

  /**
   * Groups fetched from Pinot: every group's excess is needed for the shares, so the request's
   * limit applies after ranking, not in SQL.
   */
  public static final int MAX_GROUPS = 100_000;

  private DrillSql() {}

  public static String grouped(DrillRequest request, long fromMillis) {
    return grouped(request.metric(), request.by(), request.where(), TimeRange.since(fromMillis));
  }

  public static String global(DrillRequest request, long fromMillis) {
    return global(request.metric(), request.where(), TimeRange.since(fromMillis));
  }

  /**
   * The metric per group of {@code by}, over the sessions of {@code where} ended in {@code range}.
   */
  public static String grouped(
      DrillMetric metric, List<String> by, Map<String, List<String>> where, TimeRange range) {
    String dimensions = String.join(", ", by);
    return "SELECT "
        + dimensions
        + ", "
        + aggregates(metric)
        + " FROM "
        + TABLE
        + " WHERE "
        + conditions(metric, where, range)
        + " GROUP BY "
        + dimensions
        + " LIMIT "
        + MAX_GROUPS;
  }

  /** The metric over the sessions of {@code where} ended in {@code range}. */
  public static String global(
      DrillMetric metric, Map<String, List<String>> where, TimeRange range) {
    return "SELECT "
        + aggregates(metric)
        + " FROM "
        + TABLE
        + " WHERE "
        + conditions(metric, where, range);
  }

  private static String aggregates(DrillMetric metric) {
    return metric.numerator()
        + " AS "
        + NUMERATOR
        + ", "
        + metric.denominator()
        + " AS "
        + DENOMINATOR
        + ", COUNT(*) AS "
        + SESSIONS;
  }

  private static String conditions(
      DrillMetric metric, Map<String, List<String>> where, TimeRange range) {
    List<String> conditions = new ArrayList<>();
    conditions.add(range.condition(TIME_COLUMN));
    if (metric.population() != null) {
      conditions.add(metric.population());
    }
    conditions.addAll(DrillDimension.inConditions(where));
    return String.join(" AND ", conditions);
  }
}
