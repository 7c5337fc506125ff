package dev.openqoe.trino;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Query results of Flink SQL and Trino in one form, so they can be compared: each value as text,
 * numbers by value whatever their type (Flink answers DECIMAL where Trino answers DOUBLE, and INT
 * where Trino answers BIGINT), instants in ISO form (Flink's TIMESTAMP_LTZ, Trino's timestamp with
 * time zone), NULL as {@code <null>}.
 */
final class ComparableRows {

  static final String NULL = "<null>";

  private ComparableRows() {}

  static List<List<String>> of(List<List<Object>> rows) {
    return rows.stream().map(row -> row.stream().map(ComparableRows::cell).toList()).toList();
  }

  /** Every row of a Trino result. */
  static List<List<String>> of(ResultSet result) throws SQLException {
    ResultSetMetaData meta = result.getMetaData();
    List<List<String>> rows = new ArrayList<>();
    while (result.next()) {
      List<String> row = new ArrayList<>();
      for (int column = 1; column <= meta.getColumnCount(); column++) {
        Object value =
            meta.getColumnType(column) == Types.TIMESTAMP_WITH_TIMEZONE
                ? result.getObject(column, ZonedDateTime.class)
                : result.getObject(column);
        row.add(cell(value));
      }
      rows.add(row);
    }
    return rows;
  }

  static String cell(Object value) {
    if (value == null) {
      return NULL;
    }
    if (value instanceof Double || value instanceof Float) {
      return number(BigDecimal.valueOf(((Number) value).doubleValue()));
    }
    if (value instanceof BigDecimal decimal) {
      return number(decimal);
    }
    if (value instanceof Number integral) {
      return number(BigDecimal.valueOf(integral.longValue()));
    }
    if (value instanceof Instant instant) {
      return instant.toString();
    }
    if (value instanceof OffsetDateTime offset) {
      return offset.toInstant().toString();
    }
    if (value instanceof ZonedDateTime zoned) {
      return zoned.toInstant().toString();
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant().toString();
    }
    if (value instanceof LocalDateTime local) {
      // both engines run the session in UTC
      return local.toInstant(ZoneOffset.UTC).toString();
    }
    return value.toString();
  }

  private static String number(BigDecimal value) {
    return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
  }
}
