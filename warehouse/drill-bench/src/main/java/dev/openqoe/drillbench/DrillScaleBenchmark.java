package dev.openqoe.drillbench;

import dev.openqoe.embedded.EmbeddedPinot;
import dev.openqoe.pinot.PinotBroker;
import dev.openqoe.pinot.PinotTable;
import dev.openqoe.process.ScratchDirectory;
import dev.openqoe.warehouse.QoeTables;
import dev.openqoe.warehouse.WarehouseCatalog;
import dev.openqoe.warehouse.WarehouseConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The shipped drill-down and dashboard questions at the scale they exist for: simulated sessions
 * (1M by default, ~8.5 interval rows each) ending over the last 24 h, loaded as OFFLINE segments
 * into the embedded Pinot with the shipped table design, and the same rows into the Iceberg tables
 * of a bench warehouse. Each question runs on Pinot {@code --runs} times after a warm-up (p50 / p95
 * / max, the Pinot JVM's RSS), then on each warehouse engine, and the report gives the ratio per
 * question.
 */
@Command(
    name = "drill-scale-benchmark",
    mixinStandardHelpOptions = true,
    description = "Drill-down and dashboard queries on Pinot at 10M rows vs the warehouse engines.")
public final class DrillScaleBenchmark implements Callable<Integer> {

  private static final double TARGET_P95_MS = 100;
  private static final double TARGET_RATIO = 10;
  private static final List<String> ENGINES = List.of("flink", "trino");
  private static final long DAY_MS = 24 * PinotRowFiles.HOUR_MS;

  @Option(names = "--sessions", description = "simulated sessions (default: ${DEFAULT-VALUE})")
  int sessions = 1_000_000;

  @Option(
      names = "--distinct",
      description =
          "sessions simulated (player timeline, delivery chain, session model); the others replay"
              + " them at other times under their own ids (default: ${DEFAULT-VALUE})")
  int distinct = 20_000;

  @Option(
      names = "--watch-scale",
      description =
          "the simulator's mean watch times times this; 0.5 gives ~8.5 interval rows a session"
              + " (default: ${DEFAULT-VALUE})")
  double watchScale = 0.5;

  @Option(
      names = "--runs",
      description = "timed runs per question on Pinot (default: ${DEFAULT-VALUE})")
  int runs = 20;

  @Option(names = "--warm-up", description = "untimed runs first (default: ${DEFAULT-VALUE})")
  int warmUp = 3;

  @Option(
      names = "--warehouse-runs",
      description =
          "timed runs per question on each warehouse engine, after one untimed (default: ${DEFAULT-VALUE})")
  int warehouseRuns = 1;

  @Option(names = "--no-warehouse", description = "Pinot only")
  boolean noWarehouse;

  @Option(
      names = "--engines",
      split = ",",
      description = "the warehouse engines asked: flink, trino (default: ${DEFAULT-VALUE})")
  List<String> engines = List.of("flink", "trino");

  @Option(
      names = "--all-warehouse-questions",
      description =
          "ask the warehouse engines every question; by default one per family (the drill's sums"
              + " for each --by/--where/--since form, its percentile once, each dashboard's panels"
              + " once per table, kind and aggregate), since an engine takes seconds per question")
  boolean allWarehouseQuestions;

  @Option(
      names = "--segment-threads",
      description = "segments built at once (default: ${DEFAULT-VALUE})")
  int segmentThreads = 2;

  @Option(
      names = "--dashboards",
      description = "the dashboards' JSON directory (default: ${DEFAULT-VALUE})")
  Path dashboards = Path.of("dashboards/json");

  @Option(
      names = "--work-dir",
      description =
          "where rows, segments, Pinot and the bench warehouse live (default: a new temporary directory, deleted at the end)")
  Path workDir;

  @Option(names = "--seed", description = "the simulator's seed (default: ${DEFAULT-VALUE})")
  long seed = 17;

  public static void main(String[] args) {
    int exit;
    try {
      exit = new CommandLine(new DrillScaleBenchmark()).execute(args);
    } catch (RuntimeException e) {
      System.err.println("drill-scale benchmark failed: " + e);
      exit = 1;
    }
    // Flink's and the HTTP client's threads must not keep the JVM alive
    System.exit(exit);
  }

  @Override
  public Integer call() throws IOException {
    for (String engine : engines) {
      if (!ENGINES.contains(engine)) {
        throw new CommandLine.ParameterException(
            new CommandLine(this), "unknown engine '" + engine + "'; engines: " + ENGINES);
      }
    }
    boolean scratch = workDir == null;
    Path dir = scratch ? Files.createTempDirectory("qoe-drill-bench") : workDir.toAbsolutePath();
    Files.createDirectories(dir);
    try {
      run(dir);
      return 0;
    } finally {
      if (scratch) {
        ScratchDirectory.delete(dir);
      }
    }
  }

  private void run(Path dir) {
    long begin = System.nanoTime();
    System.out.printf("starting the embedded Pinot (data in %s)...%n", dir.resolve("pinot"));
    try (EmbeddedPinot pinot = EmbeddedPinot.start(dir.resolve("pinot"))) {
      System.out.printf(
          "Pinot ready in %d ms (pid %d, %d MiB RSS)%n",
          pinot.startMillis(), pinot.pid(), ProcessMemory.mebibytes(pinot.pid(), "VmRSS"));
      OfflineTables tables = new OfflineTables(pinot.controllerUrl());
      tables.install(PinotTable.SESSIONS);
      tables.install(PinotTable.INTERVALS);
      WarehouseConfig warehouse = WarehouseConfig.embedded(dir.resolve("bench"));
      long now = System.currentTimeMillis() / 60_000 * 60_000;
      Generated generated = generate(dir.resolve("rows"), warehouse, now);
      long loading = System.nanoTime();
      for (PinotTable table : List.of(PinotTable.SESSIONS, PinotTable.INTERVALS)) {
        System.out.printf("building and uploading the %s segments...%n", table.tableName());
        SegmentBuilder.build(
            pinot.controllerUrl(),
            table,
            dir.resolve("rows").resolve(table.tableName()),
            dir.resolve("segments"),
            segmentThreads);
      }
      PinotBroker broker = new PinotBroker(pinot.brokerUrl());
      awaitRows(broker, "qoe_sessions", generated.sessions());
      awaitRows(broker, "qoe_intervals", generated.intervals());
      ScratchDirectory.delete(dir.resolve("rows"));
      ScratchDirectory.delete(dir.resolve("segments"));
      System.out.printf(
          "Pinot holds %d sessions and %d interval rows (%d s to build, upload and load);"
              + " segments on disk: qoe_sessions %d MiB, qoe_intervals %d MiB; Pinot RSS %d MiB%n",
          generated.sessions(),
          generated.intervals(),
          (System.nanoTime() - loading) / 1_000_000_000,
          mib(dir.resolve("pinot/server/data/qoe_sessions_OFFLINE")),
          mib(dir.resolve("pinot/server/data/qoe_intervals_OFFLINE")),
          ProcessMemory.mebibytes(pinot.pid(), "VmRSS"));

      List<QueryShape> shapes = new ArrayList<>(ShippedQuestions.drills(broker, now));
      shapes.addAll(
          ShippedQuestions.dashboards(broker, dashboards, now, generated.middleSessionId()));
      List<Timings> onPinot = new ArrayList<>();
      System.out.printf(
          "asking Pinot %d questions, %d warm-up and %d timed runs each...%n",
          shapes.size(), warmUp, runs);
      for (QueryShape shape : shapes) {
        onPinot.add(Timings.measure(warmUp, runs, shape.onPinot()::get));
      }
      long rss = ProcessMemory.mebibytes(pinot.pid(), "VmRSS");
      long peak = ProcessMemory.mebibytes(pinot.pid(), "VmHWM");
      // Pinot's figures first: the warehouse engines take far longer
      Report.print(shapes, onPinot, List.of(), runs, TARGET_P95_MS, TARGET_RATIO);
      System.out.printf(
          "Pinot JVM (pid %d): %d MiB RSS after the queries, peak %d MiB%n",
          pinot.pid(), rss, peak);

      List<WarehouseRun> onWarehouse = new ArrayList<>();
      if (!noWarehouse) {
        Set<QueryShape> asked =
            new HashSet<>(allWarehouseQuestions ? shapes : QueryShape.onePerFamily(shapes));
        for (String engine : engines) {
          try (WarehouseEngine open = openEngine(engine, warehouse, dir)) {
            onWarehouse.add(WarehouseRun.measure(open, shapes, asked, broker, warehouseRuns));
          }
        }
      }
      if (!onWarehouse.isEmpty()) {
        Report.print(shapes, onPinot, onWarehouse, runs, TARGET_P95_MS, TARGET_RATIO);
      }
      System.out.printf("whole run %d s%n", (System.nanoTime() - begin) / 1_000_000_000);
    }
  }

  private static WarehouseEngine openEngine(String name, WarehouseConfig warehouse, Path dir) {
    return switch (name) {
      case "flink" -> new FlinkSqlEngine(warehouse);
      case "trino" -> TrinoEngine.start(warehouse, dir.resolve("trino"));
      default -> throw new IllegalArgumentException("unknown engine " + name);
    };
  }

  /** What was generated, and one session to look up. */
  private record Generated(long sessions, long intervals, String middleSessionId) {}

  private Generated generate(Path rows, WarehouseConfig warehouseConfig, long now) {
    System.out.printf(
        "simulating %d sessions through the session model...%n", Math.min(sessions, distinct));
    long begin = System.nanoTime();
    SimulatedQoeRows simulated =
        new SimulatedQoeRows(sessions, distinct, now, Duration.ofHours(24), watchScale, seed);
    System.out.printf(
        "simulated in %d s; writing %d sessions ending over the 24 h before %s...%n",
        (System.nanoTime() - begin) / 1_000_000_000, sessions, java.time.Instant.ofEpochMilli(now));
    String middle = null;
    try (WarehouseCatalog warehouse = WarehouseCatalog.openWithTables(warehouseConfig);
        PinotRowFiles sessionFiles =
            new PinotRowFiles(rows.resolve("qoe_sessions"), "qoe_sessions", "ended_at");
        PinotRowFiles intervalFiles =
            new PinotRowFiles(rows.resolve("qoe_intervals"), "qoe_intervals", "interval_start");
        IcebergRowFiles sessionTable =
            new IcebergRowFiles(warehouse.load(QoeTables.DWD_SESSIONS), "ended_at", DAY_MS);
        IcebergRowFiles intervalTable =
            new IcebergRowFiles(
                warehouse.load(QoeTables.DWD_INTERVALS), "interval_start", PinotRowFiles.HOUR_MS)) {
      long count = 0;
      long reported = System.nanoTime();
      while (simulated.hasNext()) {
        SimulatedQoeRows.SessionRows session = simulated.next();
        sessionFiles.add(session.session());
        sessionTable.add(session.session());
        for (var interval : session.intervals()) {
          intervalFiles.add(interval);
          intervalTable.add(interval);
        }
        if (++count == sessions / 2) {
          middle = session.session().get("session_id").asText();
        }
        if (count % 10_000 == 0) {
          // Sessions come in start order and last less than an hour: older hours are complete.
          long complete = session.startedAt() - PinotRowFiles.HOUR_MS;
          sessionFiles.closeBefore(complete);
          intervalFiles.closeBefore(complete);
          sessionTable.closeBefore(complete);
          intervalTable.closeBefore(complete);
        }
        if (System.nanoTime() - reported > 10_000_000_000L) {
          reported = System.nanoTime();
          System.out.printf(
              "  %d sessions, %d interval rows (%.0f sessions/s)%n",
              count, intervalFiles.rows(), count / ((reported - begin) / 1e9));
        }
      }
      System.out.printf(
          "generated %d sessions and %d interval rows in %d s; committing the Iceberg tables...%n",
          sessionFiles.rows(), intervalFiles.rows(), (System.nanoTime() - begin) / 1_000_000_000);
      return new Generated(sessionFiles.rows(), intervalFiles.rows(), middle);
    }
  }

  private static void awaitRows(PinotBroker broker, String table, long expected) {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    long seen = -1;
    while (System.nanoTime() < deadline) {
      try {
        seen = broker.query("SELECT COUNT(*) FROM " + table).singleLong();
      } catch (RuntimeException notYet) {
        seen = -1;
      }
      if (seen == expected) {
        return;
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + table, e);
      }
    }
    throw new IllegalStateException(
        String.format(
            Locale.ROOT, "%s holds %d rows after 5 minutes, expected %d", table, seen, expected));
  }

  private static long mib(Path dir) {
    return ProcessMemory.directoryBytes(dir) / (1024 * 1024);
  }
}
