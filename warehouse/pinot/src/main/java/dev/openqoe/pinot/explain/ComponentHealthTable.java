package dev.openqoe.pinot.explain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openqoe.pinot.ResultTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a stage's health per component from the answers of {@link ExplainSql#health}. */
final class ComponentHealthTable {

  private record Totals(long failures, long total, String worstPart, double worstPartRate) {
    Totals plus(String part, long partFailures, long partTotal) {
      double rate = partTotal == 0 ? 0 : (double) partFailures / partTotal;
      boolean worse = partFailures > 0 && (worstPart == null || rate > worstPartRate);
      return new Totals(
          failures + partFailures,
          total + partTotal,
          worse ? part : worstPart,
          worse ? rate : worstPartRate);
    }
  }

  private static final Totals NONE = new Totals(0, 0, null, 0);

  private ComponentHealthTable() {}

  /** The health per component from the one answer of {@link ExplainSql#health}. */
  static Map<String, ComponentHealth> of(DeliveryStage stage, ResultTable table) {
    Map<String, Totals> now = new LinkedHashMap<>();
    Map<String, Totals> before = new LinkedHashMap<>();
    for (List<JsonNode> row : table.rows()) {
      String component = table.value(row, stage.healthComponent()).asText();
      String part = table.value(row, stage.healthPart()).asText();
      add(now, component, part, table, row, ExplainSql.FAILURES, ExplainSql.TOTAL);
      add(
          before,
          component,
          part,
          table,
          row,
          ExplainSql.BASELINE_FAILURES,
          ExplainSql.BASELINE_TOTAL);
    }
    Map<String, ComponentHealth> health = new LinkedHashMap<>();
    now.forEach(
        (component, totals) -> {
          Totals earlier = before.getOrDefault(component, NONE);
          health.put(
              component,
              new ComponentHealth(
                  component,
                  totals.failures(),
                  totals.total(),
                  totals.worstPart(),
                  totals.worstPartRate(),
                  earlier.failures(),
                  earlier.total()));
        });
    return health;
  }

  private static void add(
      Map<String, Totals> totals,
      String component,
      String part,
      ResultTable table,
      List<JsonNode> row,
      String failures,
      String total) {
    totals.put(
        component,
        totals
            .getOrDefault(component, NONE)
            .plus(part, table.value(row, failures).asLong(), table.value(row, total).asLong()));
  }
}
