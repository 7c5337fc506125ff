package dev.openqoe.warehouse.sql;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/** How a value from a Flink row is written as text, the same way in every output format. */
final class CellText {

  private CellText() {}

  /** The text of a non-null value; instants are written in UTC, the warehouse's time zone. */
  static String of(Object value) {
    if (value instanceof Instant instant) {
      return timestamp(LocalDateTime.ofInstant(instant, ZoneOffset.UTC)) + "Z";
    }
    if (value instanceof LocalDateTime timestamp) {
      return timestamp(timestamp);
    }
    if (value instanceof Object[] array) {
      return Arrays.deepToString(array);
    }
    return String.valueOf(value);
  }

  /** {@code 2026-11-20 14:00:00}, with a fraction only when there is one. */
  private static String timestamp(LocalDateTime value) {
    return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(value).replace('T', ' ');
  }
}
