package dev.openqoe.drillbench;

import dev.openqoe.process.FreePorts;
import dev.openqoe.trino.TrinoServer;
import dev.openqoe.trino.TrinoSettings;
import dev.openqoe.warehouse.WarehouseConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Properties;

/**
 * The warehouse through Trino, as {@code ./qoe trino} serves it (a Trino 476 server on 127.0.0.1
 * over the bench warehouse's catalog), asked through its JDBC driver. The server is this engine's
 * child and stops with it.
 */
final class TrinoEngine implements WarehouseEngine {

  private static final DateTimeFormatter INSTANT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  /**
   * Trino: double-quoted identifiers, timestamp-with-zone literals, date_trunc minutes. It has no
   * exact percentile: approx_percentile (a t-digest, within about 1% of the rank) stands in for
   * Pinot's PERCENTILE, which makes Trino's percentile questions a little cheaper than Pinot's.
   */
  static final WarehouseDialect DIALECT =
      new WarehouseDialect() {
        @Override
        public String timestamp(long epochMillis) {
          return "TIMESTAMP '" + INSTANT.format(Instant.ofEpochMilli(epochMillis)) + " UTC'";
        }

        @Override
        public String minute(String column) {
          return "date_trunc('minute', " + column + ")";
        }

        @Override
        public String percentile(String column, int percent) {
          return "approx_percentile(" + column + ", " + percent / 100.0 + ")";
        }

        @Override
        public String identifier(String name) {
          return "\"" + name + "\"";
        }
      };

  private final TrinoServer server;
  private final Connection connection;

  private TrinoEngine(TrinoServer server, Connection connection) {
    this.server = server;
    this.connection = connection;
  }

  /** Starts Trino over {@code warehouse}, its files in {@code dir}, on a free loopback port. */
  static TrinoEngine start(WarehouseConfig warehouse, Path dir) {
    TrinoSettings settings =
        TrinoSettings.prepare(
            warehouse,
            dir,
            FreePorts.onLoopback(),
            System.getenv(),
            line -> System.out.println("  trino: " + line));
    System.out.println("starting Trino...");
    TrinoServer server = TrinoServer.start(settings);
    try {
      Properties properties = new Properties();
      properties.setProperty("user", "qoe");
      properties.setProperty("timezone", "UTC");
      Connection connection = DriverManager.getConnection(server.jdbcUrl(), properties);
      System.out.printf(
          "Trino ready in %.1f s (pid %d)%n", server.startTime().toMillis() / 1e3, server.pid());
      return new TrinoEngine(server, connection);
    } catch (SQLException | RuntimeException e) {
      server.close();
      throw new IllegalStateException("Trino at " + server.jdbcUrl() + " refused a connection", e);
    }
  }

  @Override
  public String name() {
    return "trino";
  }

  @Override
  public WarehouseDialect dialect() {
    return DIALECT;
  }

  @Override
  public int execute(String sql) {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      int count = 0;
      while (rows.next()) {
        count++;
      }
      return count;
    } catch (SQLException e) {
      throw new IllegalStateException("Trino refused: " + sql + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      System.out.println("closing the Trino connection: " + e.getMessage());
    } finally {
      server.close();
    }
  }
}
