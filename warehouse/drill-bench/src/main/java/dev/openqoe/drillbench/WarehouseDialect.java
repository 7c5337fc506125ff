package dev.openqoe.drillbench;

/**
 * How a warehouse engine's SQL says what Pinot SQL says differently; {@link WarehouseQuestion}
 * rewrites a shipped Pinot query with it, so each engine is asked the same question on the same
 * rows.
 */
public interface WarehouseDialect {

  /** The warehouse table holding a Pinot table's rows, e.g. {@code dwd.sessions}. */
  default String table(String pinotTable) {
    return switch (pinotTable) {
      case "qoe_sessions" -> "dwd.sessions";
      case "qoe_intervals" -> "dwd.session_intervals";
      default -> throw new IllegalArgumentException("no warehouse table for " + pinotTable);
    };
  }

  /** An instant (Pinot's epoch-ms columns are timestamps with time zone in the warehouse). */
  String timestamp(long epochMillis);

  /** The start of the minute of a timestamp column (Pinot: DATETIMECONVERT to 1:MINUTES). */
  String minute(String column);

  /** The {@code percent}th percentile of a column (Pinot: PERCENTILE(column, percent)). */
  String percentile(String column, int percent);

  /** A quoted identifier (Pinot quotes with double quotes). */
  String identifier(String name);
}
