package dev.openqoe.trino;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.process.FreePorts;
import dev.openqoe.warehouse.WarehouseConfig;
import dev.openqoe.warehouse.sql.QueryResult;
import dev.openqoe.warehouse.sql.SampleWarehouse;
import dev.openqoe.warehouse.sql.SqlTemplate;
import dev.openqoe.warehouse.sql.WarehouseSqlSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every worked example in warehouse/sql/queries answers the same on a real Trino (started once,
 * downloaded first when not cached) as on Flink SQL, over warehouse/sql's {@link SampleWarehouse}:
 * the same columns and the same rows, in the same order where the query orders them.
 * warehouse/sql's ExampleQueriesIT checks the Flink answers themselves against hand-worked ones.
 */
class TrinoExampleQueriesIT {

  static final Path QUERIES = Path.of("../sql/queries");

  /** As ExampleQueriesIT runs them: the sample's assets have fewer than 100 started sessions. */
  static final Map<String, Map<String, String>> PARAMS =
      Map.of("worst_assets_by_vpf.sql", Map.of("min_started", "5"));

  @TempDir static Path dataDir;

  private static TrinoServer trino;
  private static Connection trinoConnection;
  private static WarehouseSqlSession flink;

  @BeforeAll
  static void startTrinoAndFlink() throws SQLException {
    WarehouseConfig warehouse = SampleWarehouse.create(dataDir);
    long started = System.nanoTime();
    TrinoSettings settings =
        TrinoSettings.prepare(
            warehouse,
            dataDir.resolve("trino"),
            FreePorts.onLoopback(),
            System.getenv(),
            line -> System.out.println("trino: " + line));
    long prepared = System.nanoTime();
    trino = TrinoServer.start(settings);
    System.out.printf(
        Locale.ROOT,
        "trino: release ready in %.1f s (download and unpack when it was not cached), server"
            + " started in %.1f s%n",
        (prepared - started) / 1e9,
        trino.startTime().toMillis() / 1000.0);
    trinoConnection = connect(trino);
    flink = WarehouseSqlSession.open(warehouse);
  }

  @AfterAll
  static void stop() throws SQLException {
    if (trinoConnection != null) {
      trinoConnection.close();
    }
    if (trino != null) {
      trino.close();
    }
  }

  static Connection connect(TrinoServer server) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", "qoe");
    // Instants come back as the same instants whatever this JVM's zone.
    properties.setProperty("timezone", "UTC");
    return DriverManager.getConnection(server.jdbcUrl(), properties);
  }

  @TestFactory
  Stream<DynamicTest> everyExampleQueryAnswersTheSameOnTrinoAsOnFlinkSql() throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(QUERIES)) {
      files = listing.filter(file -> file.toString().endsWith(".sql")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(8);
    return files.stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getFileName().toString(),
                    () -> {
                      String sql =
                          new SqlTemplate(Files.readString(file))
                              .render(PARAMS.getOrDefault(file.getFileName().toString(), Map.of()));
                      QueryResult flinkResult = flink.execute(sql);
                      List<String> trinoColumns = new ArrayList<>();
                      List<List<String>> trinoRows;
                      try (Statement statement = trinoConnection.createStatement();
                          ResultSet result = statement.executeQuery(sql)) {
                        ResultSetMetaData meta = result.getMetaData();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                          trinoColumns.add(meta.getColumnLabel(i));
                        }
                        trinoRows = ComparableRows.of(result);
                      }
                      List<List<String>> flinkRows = ComparableRows.of(flinkResult.rows());

                      assertThat(trinoColumns).isEqualTo(flinkResult.columns());
                      assertThat(flinkRows).as("the sample answers every query").isNotEmpty();
                      if (ordersItsRows(sql)) {
                        assertThat(trinoRows).containsExactlyElementsOf(flinkRows);
                      } else {
                        assertThat(trinoRows).containsExactlyInAnyOrderElementsOf(flinkRows);
                      }
                    }));
  }

  /**
   * Whether the statement's result is ordered: an ORDER BY after its last closing parenthesis, so
   * one inside a subquery or a window (OVER (... ORDER BY ...)) does not count.
   */
  static boolean ordersItsRows(String sql) {
    String code =
        sql.lines()
            .map(line -> line.replaceAll("--.*", ""))
            .reduce("", (a, b) -> a + "\n" + b)
            .toUpperCase(Locale.ROOT);
    return code.substring(code.lastIndexOf(')') + 1).matches("(?s).*\\bORDER\\s+BY\\b.*");
  }
}
