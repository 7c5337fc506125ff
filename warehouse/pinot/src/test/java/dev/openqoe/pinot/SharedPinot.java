package dev.openqoe.pinot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openqoe.embedded.EmbeddedKafka;
import dev.openqoe.embedded.EmbeddedPinot;
import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.process.ScratchDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/**
 * The one Kafka broker and the one Pinot JVM shared by every integration test of a module: started
 * on first use, our tables installed, {@link #SESSIONS} generated sessions and their intervals
 * produced to the real-time topics the way the pipeline does (in a Kafka transaction), and an hour
 * of delivery-chain health ({@link GeneratedOpsHealth}) the way the normaliser does, and alert
 * transitions ({@link GeneratedSloAlerts}) the way the SLO evaluator does, all waited for in Pinot;
 * stopped when the test JVM exits.
 */
public final class SharedPinot {

  public static final int SESSIONS = 1_000;
  private static final long SEED = 20_241_123L;

  private static SharedPinot instance;
  private static RuntimeException failure;

  private final EmbeddedKafka kafka;
  private final EmbeddedPinot pinot;
  private final GeneratedQoeRows.Rows rows;
  private final PinotBroker broker;
  private final long generatedAt;
  private final List<ObjectNode> opsHealth;
  private final List<ObjectNode> sloAlerts;

  private SharedPinot(Path dir) {
    long begin = System.nanoTime();
    kafka = EmbeddedKafka.on(dir.resolve("kafka"), 0).start();
    kafka.createTopics(PinotTable.topics());
    long kafkaReady = System.nanoTime();
    pinot = EmbeddedPinot.start(dir.resolve("pinot"));
    long pinotReady = System.nanoTime();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  pinot.close();
                  kafka.stop();
                  ScratchDirectory.delete(dir);
                },
                "shared-pinot-stop"));
    new PinotTables(pinot.controllerUrl()).install(kafka.bootstrapServers());
    long tablesReady = System.nanoTime();
    broker = new PinotBroker(pinot.brokerUrl());
    generatedAt = System.currentTimeMillis();
    rows = GeneratedQoeRows.generate(SESSIONS, SEED, generatedAt);
    opsHealth = GeneratedOpsHealth.rows(generatedAt);
    sloAlerts = GeneratedSloAlerts.rows(generatedAt);
    long generated = System.nanoTime();
    produce(QoeTopics.SESSIONS.name(), rows.sessions());
    produce(QoeTopics.INTERVALS.name(), rows.intervals());
    produce(QoeTopics.OPS_HEALTH.name(), GeneratedOpsHealth::key, opsHealth);
    produce(QoeTopics.SLO_ALERTS.name(), GeneratedSloAlerts::key, sloAlerts);
    long produced = System.nanoTime();
    awaitRows(PinotTable.SESSIONS, rows.sessions().size());
    awaitRows(PinotTable.INTERVALS, rows.intervals().size());
    awaitRows(PinotTable.OPS_HEALTH, opsHealth.size());
    awaitRows(PinotTable.SLO_ALERTS, sloAlerts.size());
    System.out.printf(
        "shared Pinot ready: Kafka %d ms, Pinot JVM %d ms (pid %d), tables %d ms, %d sessions and"
            + " %d intervals generated %d ms, produced %d ms, queryable %d ms later%n",
        millis(begin, kafkaReady),
        millis(kafkaReady, pinotReady),
        pinot.pid(),
        millis(pinotReady, tablesReady),
        rows.sessions().size(),
        rows.intervals().size(),
        millis(tablesReady, generated),
        millis(generated, produced),
        millis(produced, System.nanoTime()));
  }

  private static long millis(long from, long to) {
    return (to - from) / 1_000_000;
  }

  /** The shared instance; when starting it failed, every later caller gets the same failure. */
  public static synchronized SharedPinot get() {
    if (failure != null) {
      throw failure;
    }
    if (instance == null) {
      try {
        instance = new SharedPinot(Files.createTempDirectory("qoe-pinot-it"));
      } catch (IOException e) {
        failure = new UncheckedIOException(e);
      } catch (RuntimeException e) {
        failure = e;
      }
      if (failure != null) {
        throw failure;
      }
    }
    return instance;
  }

  public EmbeddedKafka kafka() {
    return kafka;
  }

  public EmbeddedPinot pinot() {
    return pinot;
  }

  public PinotBroker broker() {
    return broker;
  }

  public GeneratedQoeRows.Rows rows() {
    return rows;
  }

  /** The delivery-chain health rows in qoe_ops_health ({@link GeneratedOpsHealth}). */
  public List<ObjectNode> opsHealth() {
    return opsHealth;
  }

  /** The alert transitions in qoe_slo_alerts ({@link GeneratedSloAlerts}), oldest first. */
  public List<ObjectNode> sloAlerts() {
    return sloAlerts;
  }

  /** The wall-clock time the generated rows are relative to. */
  public long generatedAt() {
    return generatedAt;
  }

  /** Produces rows keyed by session_id in one transaction, as the pipeline's exactly-once sink. */
  public void produce(String topic, List<ObjectNode> values) {
    produce(topic, value -> value.get("session_id").asText(), values);
  }

  /** Produces rows keyed by {@code key} in one transaction. */
  public void produce(String topic, Function<ObjectNode, String> key, List<ObjectNode> values) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "shared-pinot-" + topic);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      for (ObjectNode value : values) {
        producer.send(new ProducerRecord<>(topic, key.apply(value), value.toString()));
      }
      producer.commitTransaction();
    }
  }

  /** The generated rows of {@code table} in Pinot. */
  public long count(PinotTable table) {
    String generated =
        table == PinotTable.OPS_HEALTH || table == PinotTable.SLO_ALERTS
            ? ""
            : " WHERE session_id LIKE 'gen-%'";
    return broker.query("SELECT COUNT(*) FROM " + table.tableName() + generated).singleLong();
  }

  private void awaitRows(PinotTable table, long expected) {
    Awaitility.await(table.tableName() + " rows in Pinot")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(() -> count(table) == expected);
  }
}
