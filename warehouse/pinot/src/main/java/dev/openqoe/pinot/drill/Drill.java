package dev.openqoe.pinot.drill;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openqoe.pinot.PinotBroker;
import dev.openqoe.pinot.ResultTable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs a drill-down on Pinot: the metric per group and globally, ranked by excess. */
public final class Drill {

  private final PinotBroker broker;
  private final Clock clock;

  public Drill(PinotBroker broker, Clock clock) {
    this.broker = broker;
    this.clock = clock;
  }

  public DrillReport run(DrillRequest request) {
    long from = clock.millis() - request.since().toMillis();
    TimeRange range = TimeRange.since(from);
    DrillMetric metric = request.metric();
    SliceMeasure all = measure(metric, request.where(), range);
    List<ExcessImpact.Group<SliceMeasure>> groups = new ArrayList<>();
    for (SliceMeasure group : measureBy(metric, request.by(), request.where(), range)) {
      groups.add(new ExcessImpact.Group<>(group, group.value(), group.weight()));
    }
    List<DrillReport.Row> rows = new ArrayList<>();
    List<ExcessImpact.Impact<SliceMeasure>> ranked =
        ExcessImpact.rank(groups, all.value(), metric.higherIsWorse());
    for (var impact : ranked.subList(0, Math.min(request.limit(), ranked.size()))) {
      rows.add(
          new DrillReport.Row(
              impact.key().dimensions(),
              impact.value(),
              impact.key().sessions(),
              impact.excess(),
              impact.share()));
    }
    return new DrillReport(
        metric.id(),
        metric.description(),
        request.by(),
        request.where(),
        from,
        all.value(),
        all.sessions(),
        rows);
  }

  /** The metric over all sessions of {@code where} that ended in {@code range}. */
  public SliceMeasure measure(
      DrillMetric metric, Map<String, List<String>> where, TimeRange range) {
    ResultTable global = broker.query(DrillSql.global(metric, where, range));
    // A table without segments yet answers no row at all rather than a zero count.
    if (global.rows().isEmpty()) {
      return new SliceMeasure(Map.of(), null, 0, 0);
    }
    List<JsonNode> total = global.rows().get(0);
    long sessions = global.value(total, DrillSql.SESSIONS).asLong();
    return new SliceMeasure(
        Map.of(),
        sessions == 0 ? null : value(metric, global, total),
        sessions,
        sessions == 0 ? 0 : global.value(total, DrillSql.DENOMINATOR).asDouble());
  }

  /**
   * The metric per group of {@code by}, over the sessions of {@code where} ended in {@code range}.
   */
  public List<SliceMeasure> measureBy(
      DrillMetric metric, List<String> by, Map<String, List<String>> where, TimeRange range) {
    ResultTable grouped = broker.query(DrillSql.grouped(metric, by, where, range));
    List<SliceMeasure> groups = new ArrayList<>();
    for (List<JsonNode> row : grouped.rows()) {
      Map<String, String> dimensions = new LinkedHashMap<>();
      for (String dimension : by) {
        dimensions.put(dimension, grouped.value(row, dimension).asText());
      }
      groups.add(
          new SliceMeasure(
              dimensions,
              value(metric, grouped, row),
              grouped.value(row, DrillSql.SESSIONS).asLong(),
              grouped.value(row, DrillSql.DENOMINATOR).asDouble()));
    }
    return groups;
  }

  private static Double value(DrillMetric metric, ResultTable table, List<JsonNode> row) {
    double numerator = table.value(row, DrillSql.NUMERATOR).asDouble();
    if (!metric.isRatio()) {
      return numerator;
    }
    double denominator = table.value(row, DrillSql.DENOMINATOR).asDouble();
    return denominator == 0 ? null : numerator / denominator;
  }
}
