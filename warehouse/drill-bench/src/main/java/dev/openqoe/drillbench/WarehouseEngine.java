package dev.openqoe.drillbench;

/**
 * A warehouse engine the benchmark asks the same questions as Pinot, on the same rows in Iceberg:
 * Flink SQL ({@code ./qoe sql}) and Trino ({@code ./qoe trino}).
 */
public interface WarehouseEngine extends AutoCloseable {

  /** How the engine is named in the report. */
  String name();

  WarehouseDialect dialect();

  /** Runs one query to its last row; returns the number of rows. */
  int execute(String sql);

  @Override
  void close();
}
