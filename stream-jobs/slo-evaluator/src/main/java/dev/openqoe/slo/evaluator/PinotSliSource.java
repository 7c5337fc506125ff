package dev.openqoe.slo.evaluator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openqoe.pinot.PinotBroker;
import dev.openqoe.pinot.PinotException;
import dev.openqoe.pinot.ResultTable;
import dev.openqoe.slo.Slice;
import dev.openqoe.slo.SloDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SLI counts from Pinot's real-time sessions (qoe_sessions): one query per SLO and evaluation
 * ({@link SliSql}), the sessions counted in the minute they ended.
 */
public final class PinotSliSource implements SliSource {

  private final PinotBroker broker;

  public PinotSliSource(PinotBroker broker) {
    this.broker = broker;
  }

  @Override
  public List<SliCount> counts(SloDefinition slo, long from, long to) {
    ResultTable table = broker.query(SliSql.query(slo, from, to));
    if (table.rows().size() >= SliSql.LIMIT) {
      throw new PinotException(
          "SLO "
              + slo.name()
              + ": Pinot returned "
              + SliSql.LIMIT
              + " minute-slices, the most one evaluation reads; slice it by fewer dimensions");
    }
    return read(slo, table);
  }

  /** The counts of a result of {@link SliSql#query}. */
  static List<SliCount> read(SloDefinition slo, ResultTable table) {
    List<SliCount> counts = new ArrayList<>(table.rows().size());
    for (List<JsonNode> row : table.rows()) {
      Map<String, String> slice = new LinkedHashMap<>();
      for (String dimension : slo.by()) {
        slice.put(dimension, table.value(row, dimension).asText());
      }
      counts.add(
          new SliCount(
              new Slice(slice),
              table.value(row, SliSql.MINUTE).asLong(),
              Math.round(table.value(row, SliSql.GOOD).asDouble()),
              Math.round(table.value(row, SliSql.TOTAL).asDouble())));
    }
    return counts;
  }
}
