package dev.openqoe.warehouse.sql;

import java.time.Duration;
import java.util.List;

/**
 * The complete answer to one statement, held in memory: analysts' queries aggregate, so their
 * results are small.
 *
 * @param rows one list per row, values as Flink returns them (null for SQL NULL)
 */
public record QueryResult(List<String> columns, List<List<Object>> rows, Duration elapsed) {

  public QueryResult {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }
}
