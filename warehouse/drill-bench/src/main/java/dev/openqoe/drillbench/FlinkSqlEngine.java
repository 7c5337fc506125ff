package dev.openqoe.drillbench;

import dev.openqoe.warehouse.WarehouseConfig;
import dev.openqoe.warehouse.sql.WarehouseSqlSession;

/**
 * The warehouse through Flink SQL, the way {@code ./qoe sql} runs a query (local batch session).
 */
final class FlinkSqlEngine implements WarehouseEngine {

  /** Flink SQL: backquoted identifiers, TIMESTAMP_LTZ instants, exact PERCENTILE over [0, 1]. */
  static final WarehouseDialect DIALECT =
      new WarehouseDialect() {
        @Override
        public String timestamp(long epochMillis) {
          return "TO_TIMESTAMP_LTZ(" + epochMillis + ", 3)";
        }

        @Override
        public String minute(String column) {
          return "FLOOR(" + column + " TO MINUTE)";
        }

        @Override
        public String percentile(String column, int percent) {
          return "PERCENTILE(" + column + ", " + percent / 100.0 + ")";
        }

        @Override
        public String identifier(String name) {
          return "`" + name + "`";
        }
      };

  private final WarehouseSqlSession session;

  FlinkSqlEngine(WarehouseConfig warehouse) {
    this.session = WarehouseSqlSession.open(warehouse);
  }

  @Override
  public String name() {
    return "flink";
  }

  @Override
  public WarehouseDialect dialect() {
    return DIALECT;
  }

  @Override
  public int execute(String sql) {
    return session.execute(sql).rows().size();
  }

  @Override
  public void close() {
    // a local batch session holds no resources between queries
  }
}
