package dev.openqoe.jobs;

import dev.openqoe.cli.DurationConverter;
import dev.openqoe.cli.ReadyFile;
import dev.openqoe.kafka.PipelineSource;
import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.ops.OpsEvent;
import dev.openqoe.protocol.IngestedBeacon;
import dev.openqoe.protocol.RejectedBeacon;
import dev.openqoe.warehouse.WarehouseCatalog;
import dev.openqoe.warehouse.WarehouseConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code qoe pipeline}: the QoE pipeline from the collector's Kafka topics into the warehouse and
 * the real-time topics. On a Flink cluster, submit this class with {@code flink run}; started
 * directly it runs on a local Flink in this JVM. Options fall back to environment variables, then
 * to the defaults of {@link PipelineConfig}.
 */
@Command(
    name = "qoe pipeline",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Runs the QoE pipeline: Kafka beacons -> Iceberg ODS/DWD/DWS and real-time topics;"
            + " the delivery chain's raw feeds, events and health, and the SLO alert log"
            + " -> Iceberg.")
public final class QoePipelineJob implements Callable<Integer> {

  @Option(
      names = "--bootstrap-servers",
      defaultValue = "${env:QOE_KAFKA_BOOTSTRAP:-127.0.0.1:9092}",
      description = "Kafka (env QOE_KAFKA_BOOTSTRAP). Default: ${DEFAULT-VALUE}.")
  String bootstrapServers;

  @Option(
      names = "--data-dir",
      defaultValue = "${env:QOE_DATA_DIR:-data}",
      description =
          "Embedded warehouse and checkpoints live here (env QOE_DATA_DIR). Default: ${DEFAULT-VALUE}.")
  Path dataDir;

  @Option(
      names = "--checkpoint-interval",
      defaultValue = "${env:QOE_CHECKPOINT_INTERVAL:-10s}",
      converter = DurationConverter.class,
      description = "How often rows are committed, exactly once. Default: ${DEFAULT-VALUE}.")
  Duration checkpointInterval;

  @Option(
      names = "--parallelism",
      defaultValue = "${env:QOE_PARALLELISM:-2}",
      description = "Default: ${DEFAULT-VALUE}.")
  int parallelism;

  @Option(
      names = "--reorder-bound",
      converter = DurationConverter.class,
      defaultValue = "${env:QOE_REORDER_BOUND:-5s}",
      description =
          "How long a beacon after a gap in seq waits for the lower numbers. Default:"
              + " ${DEFAULT-VALUE}.")
  Duration reorderBound;

  @Option(
      names = "--inactivity-timeout",
      converter = DurationConverter.class,
      defaultValue = "${env:QOE_INACTIVITY_TIMEOUT:-120s}",
      description = "A session without beacons this long is closed. Default: ${DEFAULT-VALUE}.")
  Duration inactivityTimeout;

  @Option(
      names = "--interval",
      converter = DurationConverter.class,
      defaultValue = "${env:QOE_INTERVAL:-10s}",
      description = "Grain of dwd.session_intervals. Default: ${DEFAULT-VALUE}.")
  Duration interval;

  @Option(
      names = "--delivery-retention",
      converter = DurationConverter.class,
      defaultValue = "${env:QOE_DELIVERY_RETENTION:-25h}",
      description =
          "How long after a session closes its late CDN and license records still change its"
              + " dwd.session_delivery record. Default: ${DEFAULT-VALUE}.")
  Duration deliveryRetention;

  @Option(
      names = "--resume",
      negatable = true,
      defaultValue = "true",
      description = "Restore from the newest retained checkpoint under the data directory.")
  boolean resume;

  @Option(
      names = "--ready-file",
      description =
          "Written once the job runs on the local Flink (job id, Kafka, checkpoints), removed at"
              + " exit: what ./qoe up waits for.")
  Path readyFile;

  public static void main(String[] args) {
    System.exit(new CommandLine(new QoePipelineJob()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    PipelineConfig config =
        new PipelineConfig(
            reorderBound,
            PipelineConfig.DEFAULTS.watermarkDelay(),
            inactivityTimeout,
            interval,
            PipelineConfig.DEFAULTS.closedRetention(),
            PipelineConfig.DEFAULTS.quietAfter());
    WarehouseConfig warehouse = WarehouseConfig.fromEnvironment(System.getenv(), dataDir);
    try (WarehouseCatalog catalog = WarehouseCatalog.openWithTables(warehouse)) {
      System.err.println("qoe pipeline: warehouse " + warehouse.warehouse() + " ready");
    }
    Path checkpoints = dataDir.toAbsolutePath().resolve("flink-checkpoints");
    Configuration flink = new Configuration();
    flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
    flink.set(
        CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        org.apache.flink.configuration.ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    flink.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, RetainedCheckpoints.RETAINED);
    Optional<Path> latest;
    try {
      latest =
          resume ? new RetainedCheckpoints(checkpoints).restorePoint(System.err) : Optional.empty();
    } catch (RetainedCheckpoints.NoRestorableCheckpoint e) {
      System.err.println("qoe pipeline: " + e.getMessage());
      return 1;
    }
    latest.ifPresent(
        path -> {
          flink.set(StateRecoveryOptions.SAVEPOINT_PATH, path.toString());
          System.err.println("qoe pipeline: resuming from " + path);
        });
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
    env.setParallelism(parallelism);
    enableExactlyOnce(env, checkpointInterval);
    WarehouseSinks sinks = new WarehouseSinks(warehouse, bootstrapServers);
    PlayerStreams player =
        build(
            env,
            bootstrapServers,
            QoeTopics.BEACONS.name(),
            QoeTopics.BEACONS_DLQ.name(),
            false,
            sinks,
            config);
    DataStream<OpsEvent> events =
        OpsPipeline.build(env, bootstrapServers, OpsTopicNames.DEFAULT, false, sinks);
    SessionDeliveryPipeline.build(
        player.sessions(),
        player.beacons(),
        events,
        sinks,
        deliveryRetention,
        SessionDeliveryPipeline.DEFAULT_FLUSH_DELAY);
    SloAlertPipeline.build(env, bootstrapServers, SloAlertPipeline.DEFAULT_TOPIC, false, sinks);
    JobClient job = env.executeAsync("qoe-pipeline");
    awaitRunning(job);
    System.err.printf(
        "qoe pipeline: running, Kafka %s, rows committed every %s; Ctrl-C stops (state is kept in"
            + " %s)%n",
        bootstrapServers, checkpointInterval.toMillis() + " ms", checkpoints);
    if (readyFile != null) {
      ReadyFile.announce(
          readyFile,
          Map.of(
              "job", job.getJobID().toString(),
              "kafka", bootstrapServers,
              "checkpoints", checkpoints.toString()));
    }
    job.getJobExecutionResult().get();
    return 0;
  }

  /** Waits until Flink has scheduled the job, or fails with the state it ended in instead. */
  private static void awaitRunning(JobClient job) throws Exception {
    while (true) {
      JobStatus status = job.getJobStatus().get();
      if (status == JobStatus.RUNNING) {
        return;
      }
      if (status.isTerminalState()) {
        job.getJobExecutionResult().get(); // throws the job's failure
        throw new IllegalStateException("the pipeline job ended as " + status + " at its start");
      }
      Thread.sleep(100);
    }
  }

  /**
   * Checkpoints that commit Iceberg files and source offsets together. They are aligned on purpose:
   * with unaligned checkpoints Iceberg's FlinkSink can leave data files of a checkpoint out of its
   * commit (apache/iceberg#15846, open for 1.10.0).
   */
  static void enableExactlyOnce(StreamExecutionEnvironment env, Duration interval) {
    env.enableCheckpointing(interval.toMillis(), CheckpointingMode.EXACTLY_ONCE);
    Configuration aligned = new Configuration();
    aligned.set(CheckpointingOptions.ENABLE_UNALIGNED, false);
    env.configure(aligned);
  }

  /** The beacons read and the sessions made of them. */
  record PlayerStreams(DataStream<IngestedBeacon> beacons, DataStream<RowData> sessions) {}

  /** Wires the Kafka sources into {@link QoePipeline} on {@code env}. */
  static PlayerStreams build(
      StreamExecutionEnvironment env,
      String bootstrapServers,
      String beaconTopic,
      String rejectedTopic,
      boolean bounded,
      PipelineSinks sinks,
      PipelineConfig config) {
    DataStream<IngestedBeacon> beacons =
        env.fromSource(
                KafkaBeaconSources.beacons(
                    bootstrapServers, beaconTopic, PipelineSource.BEACONS.groupId(), bounded),
                QoePipeline.watermarks(config),
                "Kafka " + beaconTopic)
            .uid("kafka-beacons");
    DataStream<RejectedBeacon> rejected =
        env.fromSource(
                KafkaBeaconSources.rejected(
                    bootstrapServers, rejectedTopic, PipelineSource.REJECTED.groupId(), bounded),
                WatermarkStrategy.noWatermarks(),
                "Kafka " + rejectedTopic)
            .uid("kafka-rejected");
    return new PlayerStreams(beacons, QoePipeline.build(beacons, rejected, sinks, config));
  }
}
