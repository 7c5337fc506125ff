package dev.openqoe.trino;

import dev.openqoe.process.FreePorts;
import dev.openqoe.warehouse.WarehouseConfig;
import dev.openqoe.warehouse.sql.SampleWarehouse;
import dev.openqoe.warehouse.sql.SqlTemplate;
import dev.openqoe.warehouse.sql.WarehouseSqlSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Example queries on Trino against the same queries on Flink SQL (the baseline), both warm and over
 * the same sample warehouse in one run: p50 of each, and the ratio. Flink runs as {@code qoe
 * sql-gateway} does, a batch session in this JVM; Trino through its JDBC driver. Usage:
 * TrinoVsFlinkBenchmark [RUNS] (default 7, after one warm-up run per query and engine).
 */
public final class TrinoVsFlinkBenchmark {

  private static final List<String> QUERIES =
      List.of(
          "qoe_by_cdn_and_country.sql",
          "vst_percentiles_by_device.sql",
          "rebuffering_by_cdn_per_hour.sql",
          "cdn_edge_health.sql");

  private TrinoVsFlinkBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    Path dataDir = Files.createTempDirectory("qoe-trino-bench");
    System.err.println("writing the sample warehouse in " + dataDir);
    WarehouseConfig warehouse = SampleWarehouse.create(dataDir);
    TrinoSettings settings =
        TrinoSettings.prepare(
            warehouse,
            dataDir.resolve("trino"),
            FreePorts.onLoopback(),
            System.getenv(),
            System.err::println);
    System.err.println("starting Trino");
    try (TrinoServer trino = TrinoServer.start(settings);
        Connection connection = TrinoExampleQueriesIT.connect(trino)) {
      System.err.printf(
          Locale.ROOT, "Trino started in %.1f s%n", trino.startTime().toMillis() / 1e3);
      WarehouseSqlSession flink = WarehouseSqlSession.open(warehouse);
      System.out.printf(
          Locale.ROOT,
          "%-34s %12s %12s %8s%n",
          "query (p50 of " + runs + ")",
          "Flink SQL ms",
          "Trino ms",
          "ratio");
      for (String file : QUERIES) {
        String sql =
            new SqlTemplate(Files.readString(TrinoExampleQueriesIT.QUERIES.resolve(file)))
                .render(Map.of());
        System.err.println("timing " + file);
        double flinkP50 = p50(runs, () -> flink.execute(sql));
        double trinoP50 =
            p50(
                runs,
                () -> {
                  try (Statement statement = connection.createStatement();
                      ResultSet result = statement.executeQuery(sql)) {
                    ComparableRows.of(result);
                  }
                });
        System.out.printf(
            Locale.ROOT,
            "%-34s %12.0f %12.0f %7.1fx%n",
            file,
            flinkP50,
            trinoP50,
            flinkP50 / trinoP50);
      }
    }
  }

  private interface Query {
    void run() throws Exception;
  }

  /** Milliseconds, the median of {@code runs} runs after one warm-up run. */
  private static double p50(int runs, Query query) throws Exception {
    query.run();
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      query.run();
      millis.add((System.nanoTime() - start) / 1e6);
    }
    Collections.sort(millis);
    return millis.get(runs / 2);
  }
}
