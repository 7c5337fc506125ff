package dev.openqoe.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.embedded.EmbeddedKafka;
import dev.openqoe.warehouse.QoeTables;
import dev.openqoe.warehouse.WarehouseCatalog;
import dev.openqoe.warehouse.WarehouseConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert log's part of the pipeline on a Flink MiniCluster (parallelism 2), from a real broker
 * into the real dws.slo_alerts: every transition the evaluator logged lands once, as it was on
 * Kafka, and a record that is not an alert record stops nothing.
 */
class SloAlertPipelineIT {

  @RegisterExtension static final MiniClusterExtension FLINK = PipelineHarness.miniCluster();

  private static final long T0 = SloAlertRowsTest.T0;

  @TempDir Path dir;

  @Test
  void everyTransitionOfTheAlertLogLandsOnceInDwsSloAlerts() throws Exception {
    EmbeddedKafka kafka = SharedKafka.get();
    String topic = "it-slo-alerts-" + UUID.randomUUID();
    kafka.createTopic(topic, 1);
    String fastly = "dev/start-success/page/cdn=fastly";
    String whole = "dev/rebuffering/ticket";
    produce(
        kafka,
        topic,
        List.of(
            SloAlertRowsTest.firing(fastly, "cdn=fastly", T0),
            SloAlertRowsTest.firing(whole, "", T0 + 60_000)
                .replace("\"severity\":\"page\"", "\"severity\":\"ticket\"")
                .replace("\"slo\":\"start-success\"", "\"slo\":\"rebuffering\""),
            "{\"alert_id\": \"" + fastly + "\", \"status\": \"firing\"}",
            "not json at all",
            SloAlertRowsTest.resolved(fastly, "cdn=fastly", T0, T0 + 600_000)));

    WarehouseConfig warehouse = WarehouseConfig.embedded(dir);
    try (WarehouseCatalog catalog = WarehouseCatalog.openWithTables(warehouse)) {
      // tables exist before the job starts, as QoePipelineJob makes sure in production
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    QoePipelineJob.enableExactlyOnce(env, Duration.ofMillis(500));
    SloAlertPipeline.build(
        env,
        kafka.bootstrapServers(),
        topic,
        true,
        new WarehouseSinks(warehouse, null).forBoundedInput());
    env.execute("slo-alert-pipeline-it");

    assertThat(
            PipelineHarness.rows(
                warehouse,
                QoeTables.DWS_SLO_ALERTS,
                Set.of(
                    "alert_id",
                    "slo",
                    "severity",
                    "slice",
                    "status",
                    "starts_at",
                    "ends_at",
                    "event_at")))
        .containsExactlyInAnyOrder(
            Map.of(
                "alert_id", fastly,
                "slo", "start-success",
                "severity", "page",
                "slice", "cdn=fastly",
                "status", "firing",
                "starts_at", Long.toString(T0),
                "ends_at", "null",
                "event_at", Long.toString(T0)),
            Map.of(
                "alert_id", whole,
                "slo", "rebuffering",
                "severity", "ticket",
                "slice", "",
                "status", "firing",
                "starts_at", Long.toString(T0 + 60_000),
                "ends_at", "null",
                "event_at", Long.toString(T0 + 60_000)),
            Map.of(
                "alert_id",
                fastly,
                "slo",
                "start-success",
                "severity",
                "page",
                "slice",
                "cdn=fastly",
                "status",
                "resolved",
                "starts_at",
                Long.toString(T0),
                "ends_at",
                Long.toString(T0 + 600_000),
                "event_at",
                Long.toString(T0 + 600_000)));
    Map<String, String> resolved =
        PipelineHarness.rows(warehouse, QoeTables.DWS_SLO_ALERTS, null).stream()
            .filter(row -> row.get("status").equals("resolved"))
            .findFirst()
            .orElseThrow();
    assertThat(resolved)
        .containsEntry("summary", "summary of " + fastly)
        .containsEntry("objective", "0.99")
        .containsEntry("rule_burn_rate", "14.4")
        .containsEntry("rule_short_window_minutes", "5");
  }

  /** Written as the evaluator writes its log: keyed by alert id, acknowledged by all replicas. */
  private static void produce(EmbeddedKafka kafka, String topic, List<String> records)
      throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      List<Future<?>> acks = new ArrayList<>();
      for (String record : records) {
        acks.add(producer.send(new ProducerRecord<>(topic, "alert", record)));
      }
      for (Future<?> ack : acks) {
        ack.get();
      }
    }
  }
}
