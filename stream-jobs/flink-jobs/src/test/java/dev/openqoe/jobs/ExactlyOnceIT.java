package dev.openqoe.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.embedded.EmbeddedKafka;
import dev.openqoe.embedded.EmbeddedPinot;
import dev.openqoe.protocol.IngestedBeacon;
import dev.openqoe.replay.GeneratedBeacons;
import dev.openqoe.warehouse.QoeTables;
import dev.openqoe.warehouse.TableDefinition;
import dev.openqoe.warehouse.WarehouseCatalog;
import dev.openqoe.warehouse.WarehouseConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job that crashes between two checkpoints while sessions flow and restarts from the last one
 * ends with exactly the rows of an uninterrupted run in Iceberg, and with the same drill-down
 * totals in Pinot: the real-time topics are written at least once, so the crash repeats rows on
 * them, and the shipped Pinot tables keep one row per primary key.
 */
class ExactlyOnceIT {

  @RegisterExtension static final MiniClusterExtension FLINK = PipelineHarness.miniCluster();

  private static final List<TableDefinition> COMPARED =
      List.of(
          QoeTables.ODS_BEACONS,
          QoeTables.DWD_SESSIONS,
          QoeTables.DWD_INTERVALS,
          QoeTables.DWD_LATE,
          QoeTables.DWS_MINUTE,
          QoeTables.DWS_HOUR);

  private static final int SESSIONS = 400;
  private static final int REAL_TIME_PARTITIONS = 2;

  /** Fewer than a checkpoint interval's worth of beacons (one per ms and subtask, 1 s interval). */
  private static final int CRASH_AFTER_BEACONS = 300;

  @TempDir Path dir;

  @Test
  void crashBetweenCheckpointsGivesTheSameWarehouseAndTheSameRealTimeTotals() throws Exception {
    long started = System.currentTimeMillis();
    List<IngestedBeacon> beacons = generatedBeacons();
    EmbeddedKafka kafka = SharedKafka.get();
    String topic = PipelineHarness.newBeaconTopic(kafka);
    PipelineHarness.produce(kafka, topic, beacons);

    Run clean = run(kafka, topic, false);
    CrashBetweenCheckpoints.CRASHED.set(false);
    Run crashed = run(kafka, topic, true);

    assertThat(CrashBetweenCheckpoints.CRASHED).as("the crash was injected").isTrue();
    for (TableDefinition table : COMPARED) {
      List<Map<String, String>> expected = PipelineHarness.rows(clean.warehouse, table, null);
      List<Map<String, String>> actual = PipelineHarness.rows(crashed.warehouse, table, null);
      assertThat(actual).as("%s row count", table.name()).hasSameSizeAs(expected);
      // As multisets: AssertJ's any-order list comparison is quadratic, minutes on 17k rows.
      assertThat(occurrences(actual)).as(table.name()).isEqualTo(occurrences(expected));
    }
    assertThat(PipelineHarness.rows(crashed.warehouse, QoeTables.ODS_BEACONS, null))
        .hasSize(beacons.size());

    List<ConsumerRecord<String, String>> cleanSessions =
        PipelineHarness.committedRecords(kafka, clean.sessionsTopic);
    assertThat(cleanSessions).extracting(ConsumerRecord::key).doesNotHaveDuplicates();
    int repeats = 0;
    for (Run run : List.of(clean, crashed)) {
      List<ConsumerRecord<String, String>> published =
          PipelineHarness.committedRecords(kafka, run.sessionsTopic);
      assertThat(published.stream().map(ConsumerRecord::key).distinct().count())
          .isEqualTo(SESSIONS);
      // Stamped when published: rows stamped with their years-old event time were deleted by
      // Kafka's 7-day retention in the middle of a run.
      assertThat(published)
          .extracting(ConsumerRecord::timestamp)
          .allSatisfy(time -> assertThat(time).isGreaterThanOrEqualTo(started));
      repeats += published.size() - SESSIONS;
      repeats +=
          PipelineHarness.committedRecords(kafka, run.intervalsTopic).size()
              - PipelineHarness.rows(run.warehouse, QoeTables.DWD_INTERVALS, null).size();
    }
    assertThat(repeats).as("rows the crash made the job send again").isPositive();

    try (EmbeddedPinot pinot = EmbeddedPinot.start(dir.resolve("pinot"))) {
      RealTimeRunTables cleanTables =
          RealTimeRunTables.install(
              pinot, kafka, "clean", clean.sessionsTopic, clean.intervalsTopic);
      RealTimeRunTables crashedTables =
          RealTimeRunTables.install(
              pinot, kafka, "crashed", crashed.sessionsTopic, crashed.intervalsTopic);
      cleanTables.awaitEverythingConsumed(kafka, REAL_TIME_PARTITIONS);
      crashedTables.awaitEverythingConsumed(kafka, REAL_TIME_PARTITIONS);

      assertThat(crashedTables.sessionRows()).isEqualTo(SESSIONS + REAL_TIME_PARTITIONS);
      assertThat(crashedTables.intervalRows()).isEqualTo(cleanTables.intervalRows());
      assertThat(crashedTables.drillTotals()).isEqualTo(cleanTables.drillTotals());
    }
  }

  private static Map<Map<String, String>, Long> occurrences(List<Map<String, String>> rows) {
    return rows.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  private static List<IngestedBeacon> generatedBeacons() {
    return PipelineHarness.ingested(
        GeneratedBeacons.ordered(GeneratedBeacons.sessions(SESSIONS, 31)), 20);
  }

  private record Run(WarehouseConfig warehouse, String sessionsTopic, String intervalsTopic) {}

  private Run run(EmbeddedKafka kafka, String topic, boolean injectFailure) throws Exception {
    String name = UUID.randomUUID().toString();
    WarehouseConfig warehouse = WarehouseConfig.embedded(dir.resolve(name));
    try (WarehouseCatalog catalog = WarehouseCatalog.openWithTables(warehouse)) {
      // the job writes into existing tables
    }
    String sessionsTopic = "it-sessions-" + name;
    String intervalsTopic = "it-intervals-" + name;
    kafka.createTopic(sessionsTopic, REAL_TIME_PARTITIONS);
    kafka.createTopic(intervalsTopic, REAL_TIME_PARTITIONS);

    Configuration conf = new Configuration();
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
    env.setParallelism(2);
    QoePipelineJob.enableExactlyOnce(env, Duration.ofSeconds(1));

    DataStream<IngestedBeacon> input =
        env.fromSource(
                KafkaBeaconSources.beacons(kafka.bootstrapServers(), topic, "it-" + name, true),
                QoePipeline.watermarks(PipelineConfig.DEFAULTS),
                "Kafka beacons")
            .uid("kafka-beacons");
    if (injectFailure) {
      input =
          input
              .map(
                  new CrashBetweenCheckpoints(CRASH_AFTER_BEACONS), IngestedBeaconTypeInfo.INSTANCE)
              .name("Injected crash")
              .uid("injected-crash");
    }
    String rejectedTopic = PipelineHarness.newBeaconTopic(kafka);
    QoePipeline.build(
        input,
        env.fromSource(
                KafkaBeaconSources.rejected(
                    kafka.bootstrapServers(), rejectedTopic, "it-rejected-" + name, true),
                WatermarkStrategy.noWatermarks(),
                "Kafka rejected")
            .uid("kafka-rejected"),
        new WarehouseSinks(warehouse, kafka.bootstrapServers(), sessionsTopic, intervalsTopic)
            .forBoundedInput(),
        PipelineConfig.DEFAULTS);
    env.execute("exactly-once-it");
    return new Run(warehouse, sessionsTopic, intervalsTopic);
  }
}
