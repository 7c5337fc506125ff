package dev.openqoe.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.embedded.EmbeddedKafka;
import dev.openqoe.protocol.AvroSchemas;
import dev.openqoe.replay.GeneratedBeacons;
import dev.openqoe.warehouse.QoeTables;
import dev.openqoe.warehouse.TableDefinition;
import dev.openqoe.warehouse.WarehouseCatalog;
import dev.openqoe.warehouse.WarehouseConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qoe backfill} on what the real pipeline wrote: three days of generated sessions run
 * through the pipeline on a MiniCluster into Iceberg, then the middle day backfilled, first with
 * the pipeline's settings (nothing may change), then with another inactivity timeout (the replaced
 * partitions must hold what {@code qoe replay} computes with it, the other partitions must keep
 * their data files).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackfillIT {

  @RegisterExtension static final MiniClusterExtension FLINK = PipelineHarness.miniCluster();

  private static final List<TableDefinition> TABLES =
      List.of(
          QoeTables.DWD_SESSIONS,
          QoeTables.DWD_INTERVALS,
          QoeTables.DWS_MINUTE,
          QoeTables.DWS_HOUR);

  private static final Set<String> SESSION_FACT_FIELDS =
      AvroSchemas.latest(AvroSchemas.SESSION_FACT).getFields().stream()
          .map(Schema.Field::name)
          .collect(Collectors.toSet());

  private static final String DAY = "2023-11-16";
  private static final long DAY_START = Instant.parse(DAY + "T00:00:00Z").toEpochMilli();
  private static final long DAY_END = DAY_START + Duration.ofDays(1).toMillis();
  private static final Pattern TS = Pattern.compile("\"ts\":(\\d+)");

  private Path dir;
  private WarehouseConfig warehouse;
  private List<String> lines;

  /**
   * 240 generated sessions, a third on each of three days, starting between 23:53 and 00:53: some
   * straddle each midnight.
   */
  @BeforeAll
  void runThePipeline(@TempDir Path tempDir) throws Exception {
    dir = tempDir;
    List<List<String>> sessions = GeneratedBeacons.sessions(240, 7);
    lines = new ArrayList<>();
    for (int i = 0; i < sessions.size(); i++) {
      long shift = (i % 3) * Duration.ofDays(1).toMillis() + Duration.ofMinutes(100).toMillis();
      for (String line : sessions.get(i)) {
        lines.add(shifted(line, shift));
      }
    }
    EmbeddedKafka kafka = SharedKafka.get();
    String topic = PipelineHarness.newBeaconTopic(kafka);
    String rejectedTopic = PipelineHarness.newBeaconTopic(kafka);
    PipelineHarness.produce(kafka, topic, PipelineHarness.ingested(lines, 50));
    warehouse =
        PipelineHarness.runToEnd(
            dir,
            kafka,
            topic,
            rejectedTopic,
            Duration.ofSeconds(1),
            // The beacons are years old and the input ends: no partition need follow the wall
            // clock. With the default 30 s, one run on the loaded 2-core box split a session in two
            // (its first part closed by the inactivity timer while its next beacon, received 18 s
            // later, was still unread): the stream's timing, which this test is not about.
            new PipelineConfig(
                PipelineConfig.DEFAULTS.reorderBound(),
                PipelineConfig.DEFAULTS.watermarkDelay(),
                PipelineConfig.DEFAULTS.inactivityTimeout(),
                PipelineConfig.DEFAULTS.interval(),
                PipelineConfig.DEFAULTS.closedRetention(),
                Duration.ofDays(3650)),
            "qoe-backfill-it");
  }

  @Test
  @Order(1)
  void withNothingChangedEveryTableIsTheSameMultiset() throws Exception {
    Map<String, List<Map<String, String>>> before = allRows();
    Map<String, Map<String, Set<String>>> filesBefore = dataFiles();
    Map<String, Snapshot> snapshotsBefore = currentSnapshots();

    Run run = backfill("--from", DAY, "--to", DAY);

    assertThat(run.exit).as(run.err).isZero();
    assertThat(run.err).contains("are recomputed", "1 partitions replaced in one commit");
    assertThat(run.out).contains("sessions recomputed");
    for (TableDefinition table : TABLES) {
      assertThat(PipelineHarness.rows(warehouse, table, null))
          .as(table.name())
          .containsExactlyInAnyOrderElementsOf(before.get(table.name()));
    }
    assertUntouchedOutsideTheDay(filesBefore, snapshotsBefore);
  }

  @Test
  @Order(2)
  void aDryRunPrintsWhatWouldChangeAndWritesNothing() throws Exception {
    Map<String, Snapshot> snapshotsBefore = currentSnapshots();

    Run run = backfill("--from", DAY, "--to", DAY, "--inactivity-timeout", "9s", "--dry-run");

    assertThat(run.exit).as(run.err).isZero();
    assertThat(run.out)
        .contains("dwd.sessions", "ended_at_day=" + DAY, "interval_start_hour=" + DAY + "-00")
        .contains("VST p95", "RBR", "avg bitrate", "changed")
        .contains("dry run: nothing written");
    for (TableDefinition table : TABLES) {
      assertThat(currentSnapshots().get(table.name()).snapshotId())
          .isEqualTo(snapshotsBefore.get(table.name()).snapshotId());
    }
  }

  @Test
  @Order(3)
  void withAnotherTimeoutTheDayHoldsReplaysSessionsAndTheOtherDaysAreUntouched() throws Exception {
    List<Map<String, String>> sessionsBefore =
        PipelineHarness.rows(warehouse, QoeTables.DWD_SESSIONS, null);
    Map<String, Map<String, Set<String>>> filesBefore = dataFiles();
    Map<String, Snapshot> snapshotsBefore = currentSnapshots();

    Run run = backfill("--from", DAY, "--to", DAY, "--inactivity-timeout", "9s");

    assertThat(run.exit).as(run.err).isZero();
    Map<String, Map<String, String>> replay =
        PipelineHarness.replaySessions(lines, dir, Duration.ofSeconds(9));
    Map<String, Map<String, String>> oldById = new TreeMap<>();
    sessionsBefore.forEach(row -> oldById.put(row.get("session_id"), row));
    int recomputed = 0;
    int changed = 0;
    int kept = 0;
    Set<String> idsInDay = new TreeSet<>();
    for (Map<String, String> row : PipelineHarness.rows(warehouse, QoeTables.DWD_SESSIONS, null)) {
      if (!inDay(row.get("ended_at"))) {
        continue;
      }
      String id = row.get("session_id");
      idsInDay.add(id);
      Map<String, String> old = oldById.get(id);
      if (old != null && straddles(old)) {
        assertThat(row).as("session %s on the day's edge keeps its row", id).isEqualTo(old);
        kept++;
      } else {
        Map<String, String> facts = new TreeMap<>(row);
        facts.keySet().retainAll(SESSION_FACT_FIELDS);
        assertThat(facts).as("session %s as replay computes it", id).isEqualTo(replay.get(id));
        recomputed++;
        changed += facts.equals(withoutIngest(old)) ? 0 : 1;
      }
    }
    assertThat(recomputed).isGreaterThan(20);
    assertThat(changed).as("sessions the 9 s timeout changed").isGreaterThan(10);
    assertThat(kept).as("sessions straddling the day's edges").isPositive();
    assertThat(idsInDay)
        .isEqualTo(
            sessionsBefore.stream()
                .filter(r -> inDay(r.get("ended_at")))
                .map(r -> r.get("session_id"))
                .collect(Collectors.toCollection(TreeSet::new)));
    assertIntervalsAndTotalsAddUpOnTheDay();
    assertUntouchedOutsideTheDay(filesBefore, snapshotsBefore);
  }

  @Test
  @Order(4)
  void usageErrorsSayWhatIsWrong() throws Exception {
    Run badDate = backfill("--from", "2023-11-31", "--to", DAY);
    assertThat(badDate.exit).isEqualTo(2);
    assertThat(badDate.err).contains("--from '2023-11-31' is not a date");

    Run badTable = backfill("--from", DAY, "--to", DAY, "--tables", "dwd.sessionz");
    assertThat(badTable.exit).isEqualTo(2);
    assertThat(badTable.err).contains("unknown table 'dwd.sessionz'");

    Run empty = backfill("--from", "2024-01-01", "--to", "2024-01-02");
    assertThat(empty.exit).isEqualTo(1);
    assertThat(empty.err).contains("ods.player_beacons has no beacons received from 2024-01-01");

    Run noCatalog =
        backfill(
            Map.of("QOE_CATALOG_URI", "jdbc:postgresql://127.0.0.1:1/nowhere"),
            "--from",
            DAY,
            "--to",
            DAY);
    assertThat(noCatalog.exit).isEqualTo(1);
    assertThat(noCatalog.err)
        .contains(
            "cannot use the warehouse catalog 'qoe' at jdbc:postgresql://127.0.0.1:1/nowhere");
  }

  /** On the day, intervals add up to their sessions' play time and DWS to the day's sessions. */
  private void assertIntervalsAndTotalsAddUpOnTheDay() throws Exception {
    List<Map<String, String>> sessions =
        PipelineHarness.rows(warehouse, QoeTables.DWD_SESSIONS, null);
    long closedOnDay = sessions.stream().filter(s -> inDay(s.get("closed_at"))).count();
    for (TableDefinition dws : List.of(QoeTables.DWS_MINUTE, QoeTables.DWS_HOUR)) {
      long counted =
          PipelineHarness.rows(warehouse, dws, Set.of("window_start", "sessions")).stream()
              .filter(r -> inDay(r.get("window_start")))
              .mapToLong(r -> Long.parseLong(r.get("sessions")))
              .sum();
      assertThat(counted).as(dws.name()).isEqualTo(closedOnDay);
    }
    Map<String, Long> play = new TreeMap<>();
    for (Map<String, String> row :
        PipelineHarness.rows(warehouse, QoeTables.DWD_INTERVALS, Set.of("session_id", "play_ms"))) {
      play.merge(row.get("session_id"), Long.parseLong(row.get("play_ms")), Long::sum);
    }
    for (Map<String, String> session : sessions) {
      if (inDay(session.get("started_at")) && inDay(session.get("closed_at"))) {
        assertThat(play.get(session.get("session_id")))
            .as("intervals of %s", session.get("session_id"))
            .isEqualTo(Long.parseLong(session.get("play_ms")));
      }
    }
  }

  /** Partitions outside the day keep their data files; each table got one overwrite commit. */
  private void assertUntouchedOutsideTheDay(
      Map<String, Map<String, Set<String>>> filesBefore, Map<String, Snapshot> snapshotsBefore) {
    Map<String, Map<String, Set<String>>> filesAfter = dataFiles();
    Map<String, Snapshot> snapshotsAfter = currentSnapshots();
    for (TableDefinition table : TABLES) {
      Map<String, Set<String>> before = outsideTheDay(filesBefore.get(table.name()));
      assertThat(before).as("%s has partitions outside the day", table.name()).isNotEmpty();
      assertThat(outsideTheDay(filesAfter.get(table.name())))
          .as("%s data files outside the day", table.name())
          .isEqualTo(before);
      Snapshot after = snapshotsAfter.get(table.name());
      assertThat(after.parentId()).isEqualTo(snapshotsBefore.get(table.name()).snapshotId());
      assertThat(after.operation()).isEqualTo("overwrite");
    }
  }

  private static Map<String, Set<String>> outsideTheDay(Map<String, Set<String>> byPartition) {
    Map<String, Set<String>> outside = new TreeMap<>(byPartition);
    outside.keySet().removeIf(partition -> partition.contains("=" + DAY));
    return outside;
  }

  private Map<String, List<Map<String, String>>> allRows() throws Exception {
    Map<String, List<Map<String, String>>> rows = new TreeMap<>();
    for (TableDefinition table : TABLES) {
      rows.put(table.name(), PipelineHarness.rows(warehouse, table, null));
    }
    return rows;
  }

  /** Per table, per partition, the paths of its live data files. */
  private Map<String, Map<String, Set<String>>> dataFiles() {
    Map<String, Map<String, Set<String>>> files = new TreeMap<>();
    try (WarehouseCatalog catalog = WarehouseCatalog.open(warehouse)) {
      for (TableDefinition definition : TABLES) {
        Table table = catalog.load(definition);
        Map<String, Set<String>> byPartition = new TreeMap<>();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
          for (FileScanTask task : tasks) {
            byPartition
                .computeIfAbsent(
                    table.spec().partitionToPath(task.file().partition()), p -> new TreeSet<>())
                .add(task.file().location());
          }
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        files.put(definition.name(), byPartition);
      }
    }
    return files;
  }

  private Map<String, Snapshot> currentSnapshots() {
    Map<String, Snapshot> snapshots = new TreeMap<>();
    try (WarehouseCatalog catalog = WarehouseCatalog.open(warehouse)) {
      for (TableDefinition table : TABLES) {
        snapshots.put(table.name(), catalog.load(table).currentSnapshot());
      }
    }
    return snapshots;
  }

  /** The edge rule, from the row alone: started, ended or closed outside the day. */
  private static boolean straddles(Map<String, String> session) {
    return !inDay(session.get("started_at"))
        || !inDay(session.get("ended_at"))
        || !inDay(session.get("closed_at"));
  }

  private static Map<String, String> withoutIngest(Map<String, String> row) {
    if (row == null) {
      return null;
    }
    Map<String, String> facts = new TreeMap<>(row);
    facts.keySet().retainAll(SESSION_FACT_FIELDS);
    return facts;
  }

  private static boolean inDay(String epochMillis) {
    long time = Long.parseLong(epochMillis);
    return time >= DAY_START && time < DAY_END;
  }

  private static String shifted(String line, long shift) {
    Matcher ts = TS.matcher(line);
    if (!ts.find()) {
      throw new IllegalArgumentException("no ts in " + line);
    }
    return ts.replaceFirst("\"ts\":" + (Long.parseLong(ts.group(1)) + shift));
  }

  private record Run(int exit, String out, String err) {}

  private Run backfill(String... args) {
    return backfill(Map.of(), args);
  }

  private Run backfill(Map<String, String> env, String... args) {
    String[] withDir = new String[args.length + 2];
    System.arraycopy(args, 0, withDir, 0, args.length);
    withDir[args.length] = "--data-dir";
    withDir[args.length + 1] = dir.toString();
    return run(env, withDir);
  }

  private static Run run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        BackfillCommand.run(
            args,
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
