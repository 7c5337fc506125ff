package dev.openqoe.pinot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pinot.client.ResultSet;

/**
 * A Pinot query result: column names and rows of JSON values, read from the Pinot client's {@link
 * ResultSet} by each column's Pinot data type.
 */
public record ResultTable(List<String> columns, List<List<JsonNode>> rows) {

  /** The client's result set as a table; numbers stay numbers, strings strings. */
  public static ResultTable of(ResultSet result) {
    List<String> columns = new ArrayList<>();
    for (int c = 0; c < result.getColumnCount(); c++) {
      columns.add(result.getColumnName(c));
    }
    List<List<JsonNode>> rows = new ArrayList<>();
    for (int r = 0; r < result.getRowCount(); r++) {
      List<JsonNode> row = new ArrayList<>(columns.size());
      for (int c = 0; c < columns.size(); c++) {
        row.add(cell(result, r, c));
      }
      rows.add(row);
    }
    return new ResultTable(columns, rows);
  }

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

  private static JsonNode cell(ResultSet result, int row, int column) {
    String type = result.getColumnDataType(column);
    String text = result.getString(row, column);
    if (type == null || text == null) {
      return TextNode.valueOf(text);
    }
    return switch (type) {
      case "INT", "LONG" -> LongNode.valueOf(result.getLong(row, column));
      case "FLOAT", "DOUBLE", "BIG_DECIMAL" -> DoubleNode.valueOf(result.getDouble(row, column));
      case "BOOLEAN" -> BooleanNode.valueOf(Boolean.parseBoolean(text));
      default -> type.endsWith("_ARRAY") ? array(text) : TextNode.valueOf(text);
    };
  }

  /** A multi-value column's cell, which the client hands over as its JSON text. */
  private static JsonNode array(String json) {
    try {
      return PinotHttp.JSON.readTree(json);
    } catch (IOException e) {
      throw new PinotException("Pinot answered a multi-value cell that is not JSON: " + json, e);
    }
  }
}
