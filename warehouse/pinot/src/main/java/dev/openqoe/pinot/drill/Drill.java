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

  /** A group's dimension values and session count. */
  private record Slice(Map<String, String> dimensions, long sessions) {}

  private final PinotBroker broker;
  private final Clock clock;

  public Drill(PinotBroker broker, Clock clock) {
    this.broker = broker;
    this.clock = clock;
  }

  public DrillReport run(DrillRequest request) {
    long from = clock.millis() - request.since().toMillis();
    DrillMetric metric = request.metric();
    ResultTable global = broker.query(DrillSql.global(request, from));
    // A table without segments yet answers no row at all rather than a zero count.
    List<JsonNode> total = global.rows().isEmpty() ? null : global.rows().get(0);
    long sessions = total == null ? 0 : global.value(total, DrillSql.SESSIONS).asLong();
    Double globalValue = sessions == 0 ? null : value(metric, global, total);

    ResultTable grouped = broker.query(DrillSql.grouped(request, from));
    List<ExcessImpact.Group<Slice>> groups = new ArrayList<>();
    for (List<JsonNode> row : grouped.rows()) {
      Map<String, String> dimensions = new LinkedHashMap<>();
      for (String dimension : request.by()) {
        dimensions.put(dimension, grouped.value(row, dimension).asText());
      }
      groups.add(
          new ExcessImpact.Group<>(
              new Slice(dimensions, grouped.value(row, DrillSql.SESSIONS).asLong()),
              value(metric, grouped, row),
              grouped.value(row, DrillSql.DENOMINATOR).asDouble()));
    }
    List<DrillReport.Row> rows = new ArrayList<>();
    List<ExcessImpact.Impact<Slice>> ranked =
        ExcessImpact.rank(groups, globalValue, metric.higherIsWorse());
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
        globalValue,
        sessions,
        rows);
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
