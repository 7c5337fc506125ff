package dev.openqoe.warehouse.sql;

import dev.openqoe.warehouse.WarehouseConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/**
 * A local, in-process Flink batch SQL session over the warehouse catalog, which is the current
 * catalog: queries name tables as {@code dws.qoe_hour}.
 */
public final class WarehouseSqlSession {

  private final TableEnvironment tableEnvironment;

  private WarehouseSqlSession(TableEnvironment tableEnvironment) {
    this.tableEnvironment = tableEnvironment;
  }

  public static WarehouseSqlSession open(WarehouseConfig warehouse) {
    EnvironmentSettings settings =
        EnvironmentSettings.newInstance()
            .inBatchMode()
            .withConfiguration(sessionConfiguration())
            .build();
    TableEnvironment tableEnvironment = TableEnvironment.create(settings);
    tableEnvironment.executeSql(warehouse.flinkCreateCatalogStatement());
    tableEnvironment.useCatalog(warehouse.catalogName());
    return new WarehouseSqlSession(tableEnvironment);
  }

  /**
   * The settings every warehouse SQL session shares, the gateway's included: UTC, because the
   * warehouse stores instants and analysts compare hours across regions.
   */
  static Configuration sessionConfiguration() {
    Configuration configuration = new Configuration();
    configuration.setString("table.local-time-zone", "UTC");
    configuration.setString("execution.runtime-mode", "batch");
    return configuration;
  }

  /** Runs one statement and collects its whole result. */
  public QueryResult execute(String statement) {
    long start = System.nanoTime();
    TableResult result = tableEnvironment.executeSql(statement);
    List<String> columns = result.getResolvedSchema().getColumnNames();
    List<List<Object>> rows = new ArrayList<>();
    CloseableIterator<Row> iterator = result.collect();
    try {
      iterator.forEachRemaining(row -> rows.add(values(row)));
    } finally {
      release(iterator);
    }
    return new QueryResult(columns, rows, Duration.ofNanos(System.nanoTime() - start));
  }

  private static List<Object> values(Row row) {
    List<Object> values = new ArrayList<>(row.getArity());
    for (int i = 0; i < row.getArity(); i++) {
      values.add(row.getField(i));
    }
    return values;
  }

  /** Ends the job behind the result, which matters when reading stopped half-way. */
  private static void release(CloseableIterator<Row> iterator) {
    try {
      iterator.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while ending the query's job", e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot end the query's job", e);
    }
  }
}
