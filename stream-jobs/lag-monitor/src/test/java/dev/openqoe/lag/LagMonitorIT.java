package dev.openqoe.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.openqoe.embedded.EmbeddedKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/**
 * The monitor against a real Kafka broker: lag read from a group's committed offsets and the
 * records' own timestamps, served on /metrics; records deleted under a committed offset reported as
 * lost unread, once.
 */
class LagMonitorIT {

  /** No Pinot here: a controller nobody listens on, never asked (no Pinot table is watched). */
  private static final URI NO_PINOT = URI.create("http://127.0.0.1:9");

  private static EmbeddedKafka kafka;
  private static Admin admin;

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = EmbeddedKafka.on(Files.createTempDirectory("qoe-lag-it-kafka"), 0).start();
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    admin = Admin.create(config);
  }

  @AfterAll
  static void stopKafka() {
    admin.close();
    kafka.stopAndDelete();
  }

  @Test
  void aGroupBehindItsTopicIsExportedAsTheAgeOfItsOldestUnreadRecordAndTheRecordsLeft()
      throws Exception {
    String topic = "lag-it-behind";
    kafka.createTopic(topic, 2);
    long now = System.currentTimeMillis();
    // partition 0: 100 records written 60 s ago; partition 1: 50 written 20 s ago
    produce(topic, 0, 100, now - 60_000);
    produce(topic, 1, 50, now - 20_000);
    commit(
        "lag-it-behind-group",
        Map.of(new TopicPartition(topic, 0), 70L, new TopicPartition(topic, 1), 50L));
    WatchedTopic watched = WatchedTopic.group("lag-it-behind-group", topic);

    LagMetrics metrics = new LagMetrics();
    try (LagReader reader = new LagReader(kafka.bootstrapServers(), NO_PINOT);
        LagEndpoint endpoint = LagEndpoint.start("127.0.0.1", 0, metrics)) {
      LagRound.Result result =
          new LagRound(List.of(watched), reader::read, new RetentionRule(0.5), metrics).run();

      assertThat(result.findings()).as("a week's retention is far").isEmpty();
      String served = scrape(endpoint.port());
      String labels =
          "{consumer=\"lag-it-behind-group\",kind=\"kafka-group\",topic=\"" + topic + "\"}";
      // the oldest unread record (partition 0, offset 70) is 60 s old, plus the time to get here
      assertThat(sample(served, "qoe_lag_seconds" + labels)).isBetween(60.0, 90.0);
      assertThat(sample(served, "qoe_lag_records" + labels)).isEqualTo(30.0);
      assertThat(sample(served, "qoe_lag_retention_seconds" + labels))
          .as("the broker's default, 168 h")
          .isEqualTo(168 * 3600.0);
      assertThat(sample(served, "qoe_lag_retention_headroom_seconds" + labels))
          .isCloseTo(168 * 3600.0 - sample(served, "qoe_lag_seconds" + labels), within(0.01));
      assertThat(sample(served, "qoe_lag_retention_at_risk" + labels)).isZero();
      assertThat(sample(served, "qoe_lag_deleted_unread_records" + labels)).isZero();
    }
  }

  @Test
  void recordsDeletedUnderACommittedOffsetAreReportedLostOnceWithAnErrorAndTheMetric()
      throws Exception {
    String topic = "lag-it-deleted";
    kafka.createTopic(topic, 1);
    TopicPartition partition = new TopicPartition(topic, 0);
    produce(topic, 0, 100, System.currentTimeMillis() - 10_000);
    commit("lag-it-deleted-group", Map.of(partition, 20L));
    // A tiny retention, and records deleted below offset 60 as retention would delete them:
    // offsets 20-59 go before the group read them.
    admin
        .incrementalAlterConfigs(
            Map.of(
                new ConfigResource(ConfigResource.Type.TOPIC, topic),
                List.of(
                    new AlterConfigOp(
                        new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, "1000"),
                        AlterConfigOp.OpType.SET))))
        .all()
        .get(30, TimeUnit.SECONDS);
    admin
        .deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(60)))
        .all()
        .get(30, TimeUnit.SECONDS);
    WatchedTopic watched = WatchedTopic.group("lag-it-deleted-group", topic);

    LagMetrics metrics = new LagMetrics();
    try (LagReader reader = new LagReader(kafka.bootstrapServers(), NO_PINOT)) {
      LagRound round =
          new LagRound(List.of(watched), reader::read, new RetentionRule(0.5), metrics);
      LagRound.Result first = round.run();

      assertThat(first.findings())
          .extracting(Finding::level)
          .containsExactly(Level.ERROR, Level.WARN);
      assertThat(first.findings().get(0).message())
          .contains("consumer group lag-it-deleted-group on lag-it-deleted lost 40 records unread")
          .contains("partition 0 offsets 20-59");
      assertThat(first.findings().get(1).message())
          .contains("more than 50 % of the topic's retention of 1.0 s");
      String labels =
          "{consumer=\"lag-it-deleted-group\",kind=\"kafka-group\",topic=\"" + topic + "\"}";
      String served = metrics.render();
      assertThat(sample(served, "qoe_lag_deleted_unread_records" + labels)).isEqualTo(40.0);
      assertThat(sample(served, "qoe_lag_lost_records_total" + labels)).isEqualTo(40.0);
      assertThat(sample(served, "qoe_lag_retention_at_risk" + labels)).isEqualTo(1.0);
      assertThat(sample(served, "qoe_lag_records" + labels)).as("60-99 are left").isEqualTo(40.0);
      assertThat(sample(served, "qoe_lag_retention_seconds" + labels)).isEqualTo(1.0);

      LagRound.Result second = round.run();
      assertThat(second.findings())
          .as("the loss is not reported again; the risk is, while it lasts")
          .extracting(Finding::level)
          .containsExactly(Level.WARN);
      assertThat(sample(metrics.render(), "qoe_lag_lost_records_total" + labels)).isEqualTo(40.0);
    }
  }

  @Test
  void onceItPrintsTheTableOfEveryConsumerGivenAndExits() throws Exception {
    String topic = "lag-it-once";
    kafka.createTopic(topic, 1);
    produce(topic, 0, 10, System.currentTimeMillis() - 5_000);
    commit("lag-it-once-group", Map.of(new TopicPartition(topic, 0), 4L));
    StringWriter out = new StringWriter();

    int exit =
        LagMonitorCommand.commandLine()
            .setOut(new PrintWriter(out))
            .execute(
                "--once",
                "--no-pinot",
                "--kafka",
                kafka.bootstrapServers(),
                "--group",
                "lag-it-once-group=" + topic);

    assertThat(exit).isZero();
    assertThat(out.toString().lines().toList())
        .hasSize(2)
        .first()
        .asString()
        .startsWith("consumer");
    assertThat(out.toString().lines().toList().get(1))
        .matches(
            "lag-it-once-group +kafka-group +lag-it-once +\\d+\\.\\d +6 +7\\.0 d +7\\.0 d +ok");
  }

  @Test
  void aTopicThatDoesNotExistIsAFailureNamedInTheRoundNotALagOfZero() {
    LagMetrics metrics = new LagMetrics();
    WatchedTopic watched = WatchedTopic.group("lag-it-nothing", "lag-it-no-such-topic");
    try (LagReader reader = new LagReader(kafka.bootstrapServers(), NO_PINOT)) {
      LagRound.Result result =
          new LagRound(List.of(watched), reader::read, new RetentionRule(0.5), metrics).run();

      assertThat(result.lags()).isEmpty();
      assertThat(result.findings())
          .singleElement()
          .satisfies(
              finding -> {
                assertThat(finding.level()).isEqualTo(Level.WARN);
                assertThat(finding.message()).contains("Kafka has no topic lag-it-no-such-topic");
              });
    }
  }

  private static void produce(String topic, int partition, int records, long timestamp) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < records; i++) {
        producer.send(new ProducerRecord<>(topic, partition, timestamp, "k" + i, "v" + i));
      }
      producer.flush();
    }
  }

  private static void commit(String group, Map<TopicPartition, Long> offsets) throws Exception {
    admin
        .alterConsumerGroupOffsets(
            group,
            offsets.entrySet().stream()
                .collect(
                    java.util.stream.Collectors.toMap(
                        Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue()))))
        .all()
        .get(30, TimeUnit.SECONDS);
  }

  private static String scrape(int port) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    return response.body();
  }

  private static double sample(String exposition, String series) {
    Matcher value =
        Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE)
            .matcher(exposition);
    assertThat(value.find()).as("%s in:%n%s", series, exposition).isTrue();
    return Double.parseDouble(value.group(1));
  }
}
