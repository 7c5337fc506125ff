package dev.openqoe.pinot.explain;

import dev.openqoe.pinot.PinotTable;
import dev.openqoe.pinot.drill.DrillDimension;
import dev.openqoe.pinot.drill.DrillMetric;
import dev.openqoe.pinot.drill.DrillSql;
import dev.openqoe.pinot.drill.TimeRange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Pinot SQL of {@code qoe explain} beyond the drill-down's: sessions per stage component,
 * delivery records' links, and stage health. Plain Pinot SQL valid on 0.11 and 1.x; aliases never
 * equal a column name.
 */
final class ExplainSql {

  static final String SESSION_COUNT = "session_count";
  static final String AFFECTED_COUNT = "affected_count";
  static final String PLAYER_CODED = "player_coded";
  static final String FAILURES = "failure_count";
  static final String TOTAL = "total_count";
  static final String BASELINE_FAILURES = "baseline_failure_count";
  static final String BASELINE_TOTAL = "baseline_total_count";
  static final String HEALTH_TIME_COLUMN = "window_start";

  /** More components than any deployment has CDNs, DRM systems or assets in a window. */
  private static final int MAX_GROUPS = 100_000;

  private ExplainSql() {}

  /**
   * The metric's population of {@code where} per combination of the stages' components (CDN, DRM
   * system, asset), and the affected sessions among them.
   */
  static String byComponents(
      DrillMetric metric, Map<String, List<String>> where, TimeRange window) {
    String columns =
        Arrays.stream(DeliveryStage.values())
            .map(DeliveryStage::sessionDimension)
            .collect(Collectors.joining(", "));
    List<String> conditions = new ArrayList<>();
    conditions.add(window.condition(DrillSql.TIME_COLUMN));
    if (metric.population() != null) {
      conditions.add(metric.population());
    }
    conditions.addAll(DrillDimension.inConditions(where));
    return "SELECT "
        + columns
        + ", COUNT(*) AS "
        + SESSION_COUNT
        + ", "
        + countOf(AffectedSessions.condition(metric))
        + " AS "
        + AFFECTED_COUNT
        + " FROM "
        + PinotTable.SESSIONS.tableName()
        + " WHERE "
        + String.join(" AND ", conditions)
        + " GROUP BY "
        + columns
        + " LIMIT "
        + MAX_GROUPS;
  }

  /**
   * Among the affected sessions of {@code where}, those whose delivery record links them to each
   * stage's errors, and those the player's own error code decided.
   */
  static String links(DrillMetric metric, Map<String, List<String>> where, TimeRange window) {
    List<String> sums = new ArrayList<>();
    for (DeliveryStage stage : DeliveryStage.values()) {
      sums.add(countOf(stage.link()) + " AS " + linkedColumn(stage));
    }
    sums.add(countOf("failure_stage = 'player'") + " AS " + PLAYER_CODED);
    List<String> conditions = new ArrayList<>();
    conditions.add(window.condition(DrillSql.TIME_COLUMN));
    conditions.add(AffectedSessions.condition(metric));
    conditions.addAll(DrillDimension.inConditions(where));
    return "SELECT "
        + String.join(", ", sums)
        + " FROM "
        + PinotTable.SESSION_DELIVERY.tableName()
        + " WHERE "
        + String.join(" AND ", conditions);
  }

  static String linkedColumn(DeliveryStage stage) {
    return "linked_" + stage.name().toLowerCase(Locale.ROOT);
  }

  /** The stage's failures and totals per component and part, in the window and the baseline. */
  static String health(DeliveryStage stage, TimeRange window, TimeRange baseline) {
    String groups = stage.healthComponent() + ", " + stage.healthPart();
    String now = window.condition(HEALTH_TIME_COLUMN);
    String before = baseline.condition(HEALTH_TIME_COLUMN);
    return "SELECT "
        + groups
        + ", "
        + sumOf(now, stage.healthFailures(), FAILURES)
        + ", "
        + sumOf(now, stage.healthTotal(), TOTAL)
        + ", "
        + sumOf(before, stage.healthFailures(), BASELINE_FAILURES)
        + ", "
        + sumOf(before, stage.healthTotal(), BASELINE_TOTAL)
        + " FROM "
        + PinotTable.OPS_HEALTH.tableName()
        + " WHERE source = '"
        + stage.source()
        + "' AND (("
        + now
        + ") OR ("
        + before
        + ")) GROUP BY "
        + groups
        + " LIMIT "
        + MAX_GROUPS;
  }

  private static String sumOf(String condition, String expression, String alias) {
    return "SUM(CASE WHEN " + condition + " THEN " + expression + " ELSE 0 END) AS " + alias;
  }

  private static String countOf(String condition) {
    return "SUM(CASE WHEN " + condition + " THEN 1 ELSE 0 END)";
  }
}
