package dev.openqoe.ops.normaliser;

import dev.openqoe.cli.DurationConverter;
import dev.openqoe.cli.ReadyFile;
import dev.openqoe.delivery.CloudFrontRealtimeLog;
import dev.openqoe.kafka.OpsFeed;
import dev.openqoe.kafka.QoeTopic;
import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.kafka.TopicCreator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the delivery-chain normaliser ({@link OpsNormaliser}) as its own JVM: Kafka Streams must not
 * share one with Flink's RocksDB state (both bring org.rocksdb). Exactly once (Kafka transactions),
 * one instance by default, its state in {@code --state-dir}.
 */
@Command(
    name = "ops-normaliser",
    mixinStandardHelpOptions = true,
    description =
        "Reads the raw delivery-chain topics into qoe.ops.events.v1, qoe.ops.dlq and the per-minute"
            + " health of qoe.ops.health.v1 (Kafka Streams, exactly once).")
public final class OpsNormaliserMain implements Callable<Integer> {

  @Option(
      names = "--bootstrap-servers",
      defaultValue = "${env:QOE_KAFKA_BOOTSTRAP:-127.0.0.1:9092}",
      description = "Kafka (env QOE_KAFKA_BOOTSTRAP). Default: ${DEFAULT-VALUE}.")
  String bootstrapServers;

  @Option(
      names = "--application-id",
      defaultValue = "${env:QOE_OPS_APPLICATION_ID:-qoe-ops-normaliser}",
      description =
          "Kafka Streams application id: consumer group and prefix of its internal topics"
              + " (env QOE_OPS_APPLICATION_ID). Default: ${DEFAULT-VALUE}.")
  String applicationId;

  @Option(
      names = "--state-dir",
      defaultValue = "${env:QOE_OPS_STATE_DIR:-data/ops-normaliser}",
      description =
          "Local state (window stores; rebuilt from their changelogs when lost)"
              + " (env QOE_OPS_STATE_DIR). Default: ${DEFAULT-VALUE}.")
  Path stateDir;

  @Option(
      names = "--grace",
      converter = DurationConverter.class,
      defaultValue = "${env:QOE_OPS_GRACE:-30s}",
      description =
          "How long, by the wall clock, a minute's health waits for stragglers before its row is"
              + " written; later events make another row of the minute (env QOE_OPS_GRACE)."
              + " Default: ${DEFAULT-VALUE}.")
  Duration grace;

  @Option(
      names = "--replication-factor",
      defaultValue = "${env:QOE_OPS_REPLICATION_FACTOR:-1}",
      description =
          "Replication of its internal topics: 3 on a cluster (env QOE_OPS_REPLICATION_FACTOR)."
              + " Default: ${DEFAULT-VALUE}.")
  int replicationFactor;

  @Option(
      names = "--session-timeout",
      converter = DurationConverter.class,
      defaultValue = "${env:QOE_OPS_SESSION_TIMEOUT:-45s}",
      description =
          "How long the tasks of an instance that died without leaving wait before another (or"
              + " its restart) takes them over (env QOE_OPS_SESSION_TIMEOUT). Default:"
              + " ${DEFAULT-VALUE}.")
  Duration sessionTimeout;

  @Option(
      names = "--create-topics",
      negatable = true,
      arity = "0..1",
      defaultValue = "${env:QOE_OPS_CREATE_TOPICS:-true}",
      fallbackValue = "true",
      description =
          "Create its topics when missing, with --replication-factor; off on a cluster whose"
              + " topics are made beforehand (env QOE_OPS_CREATE_TOPICS). Default: ${DEFAULT-VALUE}.")
  boolean createTopics;

  @Option(
      names = "--cloudfront-realtime-fields",
      converter = RealtimeFieldsConverter.class,
      defaultValue = "${env:QOE_OPS_CLOUDFRONT_REALTIME_FIELDS:-}",
      paramLabel = "FIELD,...",
      description =
          "The fields of your CloudFront real-time log configuration, comma-separated, in the order"
              + " its lines hold them (env QOE_OPS_CLOUDFRONT_REALTIME_FIELDS). Default (also when"
              + " empty): every field AWS documents, in the documented order. Must name timestamp,"
              + " x-edge-location, sc-status and cs-uri-stem.")
  CloudFrontRealtimeLog cloudFrontRealtimeFields;

  @Option(
      names = "--ready-file",
      description = "Written once the application runs, removed when it stops.")
  Path readyFile;

  /** What it reads (every raw feed) and writes, besides its own internal topics. */
  static final List<QoeTopic<?, ?>> TOPICS =
      Stream.<QoeTopic<?, ?>>concat(
              QoeTopics.OPS_FEEDS.stream().map(OpsFeed::topic),
              Stream.of(QoeTopics.OPS_EVENTS, QoeTopics.OPS_DLQ, QoeTopics.OPS_HEALTH))
          .toList();

  public static void main(String[] args) {
    System.exit(new CommandLine(new OpsNormaliserMain()).execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    if (readyFile != null) {
      // Left by a run that was killed: it must not say "running" before this one does.
      ReadyFile.withdraw(readyFile);
    }
    if (createTopics) {
      TopicCreator.createMissing(bootstrapServers, TOPICS, (short) replicationFactor);
    }
    StreamsBuilder builder = new StreamsBuilder();
    OpsNormaliser.buildTopology(builder, grace, cloudFrontRealtimeFields);
    KafkaStreams streams = new KafkaStreams(builder.build(), config());
    CountDownLatch stopped = new CountDownLatch(1);
    streams.setStateListener(
        (now, before) -> {
          if (now == KafkaStreams.State.RUNNING && before == KafkaStreams.State.REBALANCING) {
            System.out.printf(
                "ops normaliser running (application %s, Kafka %s, state in %s)%n",
                applicationId, bootstrapServers, stateDir.toAbsolutePath());
            if (readyFile != null) {
              ReadyFile.announce(readyFile, Map.of("application-id", applicationId));
            }
          }
          if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
            stopped.countDown();
          }
        });
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  streams.close(Duration.ofSeconds(30));
                  if (readyFile != null) {
                    ReadyFile.withdraw(readyFile);
                  }
                },
                "ops-normaliser-stop"));
    streams.start();
    stopped.await();
    System.err.println("ops normaliser: stopped in state " + streams.state());
    return streams.state() == KafkaStreams.State.ERROR ? 1 : 0;
  }

  /**
   * Checks the real-time field list when the command line is read, so a list that cannot be read is
   * a usage error naming what is wrong, before anything connects to Kafka.
   */
  static final class RealtimeFieldsConverter
      implements CommandLine.ITypeConverter<CloudFrontRealtimeLog> {
    @Override
    public CloudFrontRealtimeLog convert(String value) {
      try {
        return CloudFrontRealtimeLog.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  Properties config() {
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
    config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
    config.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 0);
    config.put(
        StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
        (int) sessionTimeout.toMillis());
    return config;
  }
}
