package dev.openqoe.pinot;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A Pinot query result: column names and rows of JSON values. */
public record ResultTable(List<String> columns, List<List<JsonNode>> rows) {

  public JsonNode value(List<JsonNode> row, String column) {
    int index = columns.indexOf(column);
    if (index < 0) {
      throw new IllegalArgumentException("no column " + column + " in " + columns);
    }
    return row.get(index);
  }

  /** The single number of a one-row, one-column result, e.g. a COUNT(*). */
  public long singleLong() {
    if (rows.size() != 1 || columns.size() != 1) {
      throw new IllegalStateException("expected one value, got " + columns + " " + rows);
    }
    return rows.get(0).get(0).asLong();
  }
}
