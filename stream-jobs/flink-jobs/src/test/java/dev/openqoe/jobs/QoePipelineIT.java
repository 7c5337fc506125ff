package dev.openqoe.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.embedded.EmbeddedKafka;
import dev.openqoe.protocol.AvroSchemas;
import dev.openqoe.protocol.IngestedBeacon;
import dev.openqoe.replay.GeneratedBeacons;
import dev.openqoe.warehouse.QoeTables;
import dev.openqoe.warehouse.TableDefinition;
import dev.openqoe.warehouse.WarehouseConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on a Flink MiniCluster (parallelism 2) reading a real Kafka broker and writing
 * real Iceberg tables: its sessions must equal {@code qoe replay}'s, field for field.
 */
class QoePipelineIT {

  @RegisterExtension static final MiniClusterExtension FLINK = PipelineHarness.miniCluster();

  private static final Set<String> SESSION_FACT_FIELDS =
      AvroSchemas.latest(AvroSchemas.SESSION_FACT).getFields().stream()
          .map(Schema.Field::name)
          .collect(Collectors.toSet());

  @TempDir Path dir;

  @Test
  void sessionsEqualReplayFieldForField() throws Exception {
    List<String> lines = GeneratedBeacons.ordered(GeneratedBeacons.sessions(200, 21));
    List<IngestedBeacon> beacons = PipelineHarness.ingested(lines, 50);

    WarehouseConfig warehouse = runBounded(beacons);

    assertSessionsEqualReplay(warehouse, lines);
    assertThat(PipelineHarness.rows(warehouse, QoeTables.DWD_LATE, null)).isEmpty();
    assertIntervalsAddUpToSessions(warehouse);
    assertAggregatesAddUpToSessions(warehouse, QoeTables.DWS_MINUTE);
    assertAggregatesAddUpToSessions(warehouse, QoeTables.DWS_HOUR);
  }

  @Test
  void odsKeepsEveryBeaconAsReceived() throws Exception {
    List<String> lines = GeneratedBeacons.ordered(GeneratedBeacons.sessions(200, 24));
    List<IngestedBeacon> beacons = PipelineHarness.ingested(lines, 50);

    WarehouseConfig warehouse = runBounded(beacons);

    assertThat(PipelineHarness.rows(warehouse, QoeTables.ODS_BEACONS, Set.of("session_id")))
        .hasSize(lines.size());
  }

  @Test
  void odsKeepsEveryBeaconWhenOneReaderFinishesLongBeforeTheOther() throws Exception {
    // One partition holds a single session and the other all the rest, so one source reader (and
    // the ODS writer chained to it) ends while checkpoints go on for the other: the shape in which
    // Iceberg's committer dropped the early writer's final files.
    List<String> lines = GeneratedBeacons.ordered(GeneratedBeacons.sessions(300, 25));
    List<IngestedBeacon> beacons = PipelineHarness.ingested(lines, 50);
    String loneSession = beacons.get(0).event().sessionId();

    WarehouseConfig warehouse =
        runBounded(
            beacons,
            beacon -> beacon.event().sessionId().equals(loneSession) ? 0 : 1,
            Duration.ofMillis(100));

    assertThat(PipelineHarness.rows(warehouse, QoeTables.ODS_BEACONS, Set.of("session_id")))
        .hasSize(lines.size());
    assertSessionsEqualReplay(warehouse, lines);
  }

  @Test
  void outOfOrderAndDuplicatedDeliveryGivesTheSameSessions() throws Exception {
    List<String> lines = GeneratedBeacons.ordered(GeneratedBeacons.sessions(150, 22));
    Random random = new Random(23);
    List<IngestedBeacon> beacons = new ArrayList<>();
    for (String line : lines) {
      // up to 3 s of network jitter reorders close beacons of a session; the bound is 5 s
      beacons.add(PipelineHarness.ingested(line, random.nextInt(3_000)));
      if (random.nextInt(10) == 0) {
        beacons.add(PipelineHarness.ingested(line, 3_000 + random.nextInt(1_500))); // a retry
      }
    }

    WarehouseConfig warehouse = runBounded(beacons);

    assertSessionsEqualReplay(warehouse, lines);
    assertThat(PipelineHarness.rows(warehouse, QoeTables.DWD_LATE, null)).isEmpty();
  }

  @Test
  void beaconsAfterTheSessionEndedLandInLateBeacons() throws Exception {
    String session = "late-1";
    List<String> lines =
        List.of(
            beaconLine(session, 0, "play_request", 0),
            beaconLine(session, 1, "first_frame", 800),
            beaconLine(session, 2, "end", 10_800),
            beaconLine(session, 3, "heartbeat", 20_800));
    List<IngestedBeacon> beacons = PipelineHarness.ingested(lines, 0);

    WarehouseConfig warehouse = runBounded(beacons);

    List<Map<String, String>> late =
        PipelineHarness.rows(warehouse, QoeTables.DWD_LATE, Set.of("session_id", "seq", "reason"));
    assertThat(late).hasSize(1);
    assertThat(late.get(0)).containsEntry("seq", "3");
    assertThat(late.get(0).get("reason")).startsWith("after session end");
    assertThat(PipelineHarness.rows(warehouse, QoeTables.DWD_SESSIONS, Set.of("ended_by")))
        .containsExactly(Map.of("ended_by", "end"));
  }

  private WarehouseConfig runBounded(List<IngestedBeacon> beacons) throws Exception {
    return runBounded(beacons, null, Duration.ofSeconds(1));
  }

  /**
   * Runs the pipeline over {@code beacons}, produced to the partitions {@code partitionOf} names
   * (by session key when null; neighbouring partitions go to different readers), checkpointing
   * every {@code checkpointInterval}.
   */
  private WarehouseConfig runBounded(
      List<IngestedBeacon> beacons,
      ToIntFunction<IngestedBeacon> partitionOf,
      Duration checkpointInterval)
      throws Exception {
    EmbeddedKafka kafka = SharedKafka.get();
    String topic = PipelineHarness.newBeaconTopic(kafka);
    String rejectedTopic = PipelineHarness.newBeaconTopic(kafka);
    PipelineHarness.produce(kafka, topic, beacons, partitionOf);
    return PipelineHarness.runToEnd(
        dir,
        kafka,
        topic,
        rejectedTopic,
        checkpointInterval,
        PipelineConfig.DEFAULTS,
        "qoe-pipeline-it");
  }

  private void assertSessionsEqualReplay(WarehouseConfig warehouse, List<String> lines)
      throws Exception {
    Map<String, Map<String, String>> expected = PipelineHarness.replaySessions(lines, dir);
    Map<String, Map<String, String>> actual = new TreeMap<>();
    for (Map<String, String> row :
        PipelineHarness.rows(warehouse, QoeTables.DWD_SESSIONS, SESSION_FACT_FIELDS)) {
      assertThat(actual.put(row.get("session_id"), row)).as("one row per session").isNull();
    }
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    for (String id : expected.keySet()) {
      assertThat(actual.get(id)).as("session %s", id).isEqualTo(expected.get(id));
    }
  }

  private void assertIntervalsAddUpToSessions(WarehouseConfig warehouse) throws Exception {
    Map<String, Long> playBySession = new TreeMap<>();
    for (Map<String, String> row :
        PipelineHarness.rows(warehouse, QoeTables.DWD_INTERVALS, Set.of("session_id", "play_ms"))) {
      playBySession.merge(row.get("session_id"), Long.parseLong(row.get("play_ms")), Long::sum);
    }
    for (Map<String, String> session :
        PipelineHarness.rows(warehouse, QoeTables.DWD_SESSIONS, Set.of("session_id", "play_ms"))) {
      assertThat(playBySession.get(session.get("session_id")))
          .isEqualTo(Long.parseLong(session.get("play_ms")));
    }
  }

  /** DWS rows hold additive totals: summed over all groups they give the sessions' totals. */
  private void assertAggregatesAddUpToSessions(WarehouseConfig warehouse, TableDefinition dws)
      throws Exception {
    List<Map<String, String>> sessions =
        PipelineHarness.rows(
            warehouse,
            QoeTables.DWD_SESSIONS,
            Set.of("play_ms", "rebuffer_ms", "startup_outcome", "vst_ms", "vpf"));
    List<Map<String, String>> groups = PipelineHarness.rows(warehouse, dws, null);
    assertThat(sum(groups, "sessions")).isEqualTo(sessions.size());
    assertThat(sum(groups, "play_ms")).isEqualTo(sum(sessions, "play_ms"));
    assertThat(sum(groups, "rebuffer_ms")).isEqualTo(sum(sessions, "rebuffer_ms"));
    assertThat(sum(groups, "started"))
        .isEqualTo(
            sessions.stream().filter(s -> "started".equals(s.get("startup_outcome"))).count());
    assertThat(sum(groups, "vsf"))
        .isEqualTo(sessions.stream().filter(s -> "vsf".equals(s.get("startup_outcome"))).count());
    assertThat(sum(groups, "vpf"))
        .isEqualTo(sessions.stream().filter(s -> "true".equals(s.get("vpf"))).count());
    assertThat(sum(groups, "vst_count"))
        .isEqualTo(
            sessions.stream()
                .filter(
                    s ->
                        "started".equals(s.get("startup_outcome"))
                            && !"null".equals(s.get("vst_ms")))
                .count());
    for (Map<String, String> group : groups) {
      long histogramTotal = 0;
      for (String count : group.get("vst_histogram").replaceAll("[\\[\\] ]", "").split(",")) {
        histogramTotal += count.isEmpty() ? 0 : Long.parseLong(count);
      }
      assertThat(histogramTotal).isEqualTo(Long.parseLong(group.get("vst_count")));
    }
  }

  private static long sum(List<Map<String, String>> rows, String column) {
    return rows.stream().mapToLong(r -> Long.parseLong(r.get(column))).sum();
  }

  private static String beaconLine(String session, int seq, String type, long offsetMs) {
    return String.format(
        "{\"v\":1,\"session_id\":\"%s\",\"seq\":%d,\"type\":\"%s\",\"ts\":%d}",
        session, seq, type, 1_700_000_000_000L + offsetMs);
  }
}
