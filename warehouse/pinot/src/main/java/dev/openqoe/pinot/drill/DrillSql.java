package dev.openqoe.pinot.drill;

import java.util.ArrayList;
import java.util.List;

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
  static final int MAX_GROUPS = 100_000;

  private DrillSql() {}

  public static String grouped(DrillRequest request, long fromMillis) {
    String dimensions = String.join(", ", request.by());
    return "SELECT "
        + dimensions
        + ", "
        + aggregates(request.metric())
        + " FROM "
        + TABLE
        + " WHERE "
        + conditions(request, fromMillis)
        + " GROUP BY "
        + dimensions
        + " LIMIT "
        + MAX_GROUPS;
  }

  public static String global(DrillRequest request, long fromMillis) {
    return "SELECT "
        + aggregates(request.metric())
        + " FROM "
        + TABLE
        + " WHERE "
        + conditions(request, fromMillis);
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

  private static String conditions(DrillRequest request, long fromMillis) {
    List<String> conditions = new ArrayList<>();
    conditions.add(TIME_COLUMN + " >= " + fromMillis);
    if (request.metric().population() != null) {
      conditions.add(request.metric().population());
    }
    conditions.addAll(DrillDimension.inConditions(request.where()));
    return String.join(" AND ", conditions);
  }
}
