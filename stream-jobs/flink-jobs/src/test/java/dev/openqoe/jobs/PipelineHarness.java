package dev.openqoe.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openqoe.embedded.EmbeddedKafka;
import dev.openqoe.kafka.QoeTopic;
import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.protocol.BeaconParser;
import dev.openqoe.protocol.IngestSource;
import dev.openqoe.protocol.IngestedBeacon;
import dev.openqoe.protocol.ParseResult;
import dev.openqoe.protocol.Receipt;
import dev.openqoe.replay.ReplayCommand;
import dev.openqoe.warehouse.TableDefinition;
import dev.openqoe.warehouse.WarehouseCatalog;
import dev.openqoe.warehouse.WarehouseConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.ToIntFunction;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;

/** Test data in and out of the pipeline: beacons to Kafka, rows from Iceberg, replay's answer. */
final class PipelineHarness {

  private static final ObjectMapper JSON = new ObjectMapper();

  private PipelineHarness() {}

  /** A MiniCluster with two slots: the pipeline at parallelism 2, as the tests run it. */
  static MiniClusterExtension miniCluster() {
    return new MiniClusterExtension(
        new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());
  }

  /** A beacon line as the collector would have stored it, received {@code delayMs} after its ts. */
  static IngestedBeacon ingested(String line, long delayMs) {
    ParseResult result = BeaconParser.lenientClock().parse(line);
    var event = ((ParseResult.Valid) result).event();
    return new IngestedBeacon(
        event, Receipt.of(event.ts() + delayMs, "prop-it", IngestSource.BEACON));
  }

  /** Each line as the collector would have stored it, received {@code delayMs} after its ts. */
  static List<IngestedBeacon> ingested(List<String> lines, long delayMs) {
    List<IngestedBeacon> beacons = new ArrayList<>();
    for (String line : lines) {
      beacons.add(ingested(line, delayMs));
    }
    return beacons;
  }

  /** A fresh beacons topic for one test, so tests do not read each other's data. */
  static String newBeaconTopic(EmbeddedKafka kafka) {
    String topic = "it-beacons-" + UUID.randomUUID();
    kafka.createTopic(topic, 4);
    return topic;
  }

  /** Produces beacons in receive-time order, as a collector would append them. */
  static void produce(EmbeddedKafka kafka, String topic, List<IngestedBeacon> beacons) {
    produce(kafka, topic, beacons, null);
  }

  /**
   * Produces beacons in receive-time order to the partition {@code partitionOf} names, or to the
   * session key's partition when it is null.
   */
  static void produce(
      EmbeddedKafka kafka,
      String topic,
      List<IngestedBeacon> beacons,
      ToIntFunction<IngestedBeacon> partitionOf) {
    QoeTopic<String, IngestedBeacon> format = QoeTopics.BEACONS;
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    List<IngestedBeacon> ordered = new ArrayList<>(beacons);
    ordered.sort(Comparator.comparingLong(b -> b.receipt().receivedAt()));
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
      for (IngestedBeacon beacon : ordered) {
        acks.add(
            producer.send(
                // The record time is now, as for the collector: the beacons' own times are years
                // old,
                // and Kafka's 7-day retention would delete segments stamped with them mid-test.
                new ProducerRecord<>(
                    topic,
                    partitionOf == null ? null : partitionOf.applyAsInt(beacon),
                    format.serializeKey(beacon.event().sessionId()),
                    format.serializeValue(beacon))));
      }
      producer.flush();
      // flush() does not report failed sends: every acknowledgement is checked.
      for (java.util.concurrent.Future<?> ack : acks) {
        try {
          ack.get();
        } catch (Exception e) {
          throw new IllegalStateException("test beacons not stored in " + topic, e);
        }
      }
    }
  }

  /** Replay's sessions for the same beacon lines, keyed by session id. */
  static Map<String, Map<String, String>> replaySessions(List<String> lines, Path dir)
      throws IOException {
    return replaySessions(lines, dir, Duration.ofSeconds(120));
  }

  /** Replay's sessions with another inactivity timeout than the default. */
  static Map<String, Map<String, String>> replaySessions(
      List<String> lines, Path dir, Duration inactivityTimeout) throws IOException {
    Path input = Files.write(dir.resolve("replay-input-" + UUID.randomUUID() + ".jsonl"), lines);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        ReplayCommand.run(
            new String[] {
              "--input",
              input.toString(),
              "-q",
              "--inactivity-timeout",
              inactivityTimeout.toMillis() + "ms"
            },
            new ByteArrayInputStream(new byte[0]),
            out,
            new PrintStream(err, true, StandardCharsets.UTF_8));
    if (exit != 0) {
      throw new AssertionError("replay failed: " + err);
    }
    Map<String, Map<String, String>> sessions = new TreeMap<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      JsonNode node = JSON.readTree(line);
      Map<String, String> fields = new TreeMap<>();
      node.fields().forEachRemaining(f -> fields.put(f.getKey(), text(f.getValue())));
      sessions.put(fields.get("session_id"), fields);
    }
    return sessions;
  }

  /**
   * The rows of {@code table}, each as column -> text, keeping only {@code columns} (all when
   * null); timestamps as epoch milliseconds, like replay's JSON; binary values in hex.
   */
  static List<Map<String, String>> rows(
      WarehouseConfig config, TableDefinition table, java.util.Collection<String> columns)
      throws IOException {
    List<Map<String, String>> rows = new ArrayList<>();
    try (WarehouseCatalog warehouse = WarehouseCatalog.open(config)) {
      Table loaded = warehouse.load(table);
      loaded.refresh();
      try (CloseableIterable<Record> records = IcebergGenerics.read(loaded).build()) {
        for (Record record : records) {
          Map<String, String> row = new TreeMap<>();
          for (var field : loaded.schema().columns()) {
            if (columns == null || columns.contains(field.name())) {
              row.put(field.name(), text(record.getField(field.name())));
            }
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }

  private static String text(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof OffsetDateTime time) {
      return Long.toString(time.toInstant().toEpochMilli());
    }
    if (value instanceof Map<?, ?> map) {
      return new TreeMap<>(map).toString();
    }
    if (value instanceof java.nio.ByteBuffer buffer) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.duplicate().get(bytes);
      return java.util.HexFormat.of().formatHex(bytes);
    }
    if (value instanceof JsonNode node) {
      if (node.isNull()) {
        return "null";
      }
      if (node.isObject()) {
        Map<String, String> map = new TreeMap<>();
        node.fields().forEachRemaining(f -> map.put(f.getKey(), f.getValue().asText()));
        return map.toString();
      }
      return node.isDouble() ? Double.toString(node.doubleValue()) : node.asText();
    }
    return value.toString();
  }

  /** What a read_committed consumer of {@code topic} sees, from its beginning to its end. */
  static List<ConsumerRecord<String, String>> committedRecords(EmbeddedKafka kafka, String topic) {
    return new QoeTopic<>(topic, Serdes.String(), Serdes.String(), 1, "a test's real-time topic")
        .committedRecords(kafka.bootstrapServers(), Duration.ofSeconds(60));
  }

  /**
   * Runs the whole pipeline to its end over what {@code topic} holds (bounded sources, parallelism
   * 2, exactly once with a checkpoint every {@code checkpointInterval}) into a new warehouse in
   * {@code dir}, and returns that warehouse.
   */
  static WarehouseConfig runToEnd(
      Path dir,
      EmbeddedKafka kafka,
      String topic,
      String rejectedTopic,
      Duration checkpointInterval,
      PipelineConfig config,
      String jobName)
      throws Exception {
    kafka.createTopics(List.of(QoeTopics.SESSIONS, QoeTopics.INTERVALS));
    WarehouseConfig warehouse = WarehouseConfig.embedded(dir);
    try (WarehouseCatalog catalog = WarehouseCatalog.openWithTables(warehouse)) {
      // tables exist before the job starts, as QoePipelineJob makes sure in production
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    QoePipelineJob.enableExactlyOnce(env, checkpointInterval);
    QoePipelineJob.build(
        env,
        kafka.bootstrapServers(),
        topic,
        rejectedTopic,
        true,
        new WarehouseSinks(warehouse, kafka.bootstrapServers()).forBoundedInput(),
        config);
    env.execute(jobName);
    return warehouse;
  }
}
