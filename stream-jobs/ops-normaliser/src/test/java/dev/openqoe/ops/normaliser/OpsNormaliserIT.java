package dev.openqoe.ops.normaliser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openqoe.delivery.CloudFrontRealtimeLog;
import dev.openqoe.embedded.EmbeddedKafka;
import dev.openqoe.kafka.QoeTopic;
import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.ops.OpsRejected;
import dev.openqoe.process.ChildJvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The normaliser against a real broker: as its own JVM, killed with SIGKILL in the middle of the
 * stream and restarted, it ends with the health of an uninterrupted run (exactly once); and the
 * bad-input corpus goes through it once. The kill test runs first: it counts every event on the
 * events topic.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpsNormaliserIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Every event of the bad-input corpus happens on 2024-03-01; the kill test's, this year. */
  private static final long CORPUS_EVENTS_BEFORE =
      Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();

  /** A minute start half an hour ago: event times Kafka accepts as record timestamps. */
  private static final long T0 =
      (Instant.now().minus(Duration.ofMinutes(30)).toEpochMilli() / 60_000) * 60_000;

  @TempDir static Path dir;
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startKafka() {
    kafka = EmbeddedKafka.on(dir.resolve("kafka"), 0).start();
    kafka.createTopics(QoeTopics.ALL);
  }

  @AfterAll
  static void stopKafka() {
    kafka.stopAndDelete();
  }

  @Test
  @Order(1)
  void killedMidStreamAndRestartedItEndsWithTheHealthOfAnUninterruptedRun() throws Exception {
    List<String> lines = licenseLines();
    Map<String, List<Long>> expected = totals(uninterruptedHealth(lines));
    assertThat(expected).as("health minutes of the uninterrupted run").hasSizeGreaterThan(5);
    Path state = dir.resolve("state");

    try (KafkaProducer<String, byte[]> producer = producer()) {
      ChildJvm first = normaliser(state);
      send(producer, lines.subList(0, lines.size() / 2));
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> committed(QoeTopics.OPS_EVENTS) >= lines.size() / 4);
      ProcessHandle.of(first.pid()).orElseThrow().destroyForcibly();
      first.waitFor();
      first.close();

      send(producer, lines.subList(lines.size() / 2, lines.size()));
      try (ChildJvm restarted = normaliser(state)) {
        assertThat(restarted.pid()).isNotEqualTo(first.pid());
        Awaitility.await()
            .atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> licences(health()) >= lines.size());
        // How a minute splits into rows follows the wall clock; what each minute counts may not.
        assertThat(totals(health())).isEqualTo(expected);
        assertThat(committed(QoeTopics.OPS_EVENTS)).isEqualTo(lines.size());
      }
    }
  }

  /**
   * In production's configuration (its command line's, exactly once), in this JVM: each case is
   * refused to the DLQ with its reason, every valid record around the cases is committed as an
   * event, and the application still runs at the end.
   */
  @Test
  @Order(2)
  void theBadInputCorpusIsRefusedCaseByCaseAndTheApplicationRuns() {
    List<BadInputCorpus.Case> cases = BadInputCorpus.cases();
    int expectedEvents = cases.stream().mapToInt(c -> 2 + c.events()).sum();
    OpsNormaliserMain options = new OpsNormaliserMain();
    new CommandLine(options)
        .parseArgs(
            "--bootstrap-servers=" + kafka.bootstrapServers(),
            "--application-id=bad-input-corpus",
            "--state-dir=" + dir.resolve("corpus-state"));
    StreamsBuilder builder = new StreamsBuilder();
    OpsNormaliser.buildTopology(builder, options.grace, options.cloudFrontRealtimeFields);
    try (KafkaStreams streams = new KafkaStreams(builder.build(), options.config());
        KafkaProducer<String, byte[]> producer = producer()) {
      streams.start();
      for (BadInputCorpus.Case bad : cases) {
        String topic = bad.feed().topic().name();
        byte[] valid = BadInputCorpus.valid(bad.feed());
        // One key per case: its three records stay in order on one partition.
        producer.send(new ProducerRecord<>(topic, bad.file(), valid));
        producer.send(new ProducerRecord<>(topic, bad.file(), bad.record()));
        producer.send(new ProducerRecord<>(topic, bad.file(), valid));
      }
      producer.flush();

      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(250))
          .until(
              () ->
                  readCommitted(QoeTopics.OPS_DLQ).size() >= cases.size()
                      && corpusEvents() >= expectedEvents);

      assertThat(corpusEvents()).isEqualTo(expectedEvents);
      assertEachCaseRefusedOnce(cases, readCommitted(QoeTopics.OPS_DLQ));
      assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
    }
  }

  private static long corpusEvents() {
    return readCommitted(QoeTopics.OPS_EVENTS).stream()
        .filter(event -> event.eventTime() < CORPUS_EVENTS_BEFORE)
        .count();
  }

  /**
   * Each refusal belongs to one case of its format whose reason it contains; the most specific
   * fragments are matched first, so a general one ("not JSON") cannot take a refusal meant for
   * another case.
   */
  private static void assertEachCaseRefusedOnce(
      List<BadInputCorpus.Case> cases, List<OpsRejected> refused) {
    List<OpsRejected> unmatched = new ArrayList<>(refused);
    List<BadInputCorpus.Case> bySpecificity = new ArrayList<>(cases);
    bySpecificity.sort(
        Comparator.comparingInt((BadInputCorpus.Case c) -> c.reason().length()).reversed());
    for (BadInputCorpus.Case bad : bySpecificity) {
      String format = RawFormat.of(bad.feed(), CloudFrontRealtimeLog.documented()).format();
      OpsRejected match =
          unmatched.stream()
              .filter(r -> r.format().equals(format) && r.reason().contains(bad.reason()))
              .findFirst()
              .orElse(null);
      assertThat(match).as(bad.file() + " refused with '" + bad.reason() + "'").isNotNull();
      unmatched.remove(match);
    }
    assertThat(unmatched).as("refusals of no case").isEmpty();
  }

  /** DRM license lines over eight minutes of one slice, the last one closing every minute. */
  private static List<String> licenseLines() {
    List<String> lines = new ArrayList<>();
    String[] outcomes = {"granted", "granted", "granted", "denied", "error"};
    for (int i = 0; i < 400; i++) {
      lines.add(license(T0 + i * 1_200L, outcomes[i % outcomes.length], 20 + (i * 37) % 400));
    }
    return lines;
  }

  private static String license(long time, String outcome, long latencyMs) {
    return "{\"time\": "
        + time
        + ", \"drm_system\": \"widevine\", \"outcome\": \""
        + outcome
        + "\", \"latency_ms\": "
        + latencyMs
        + ", \"region\": \"eu-west-1\"}";
  }

  private static List<String> uninterruptedHealth(List<String> lines) {
    StreamsBuilder builder = new StreamsBuilder();
    OpsNormaliser.buildTopology(builder);
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "uninterrupted");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), config)) {
      QoeTopic<String, byte[]> raw = QoeTopics.OPS_RAW_DRM;
      TestInputTopic<String, byte[]> input =
          driver.createInputTopic(
              raw.name(), raw.keySerde().serializer(), raw.valueSerde().serializer());
      for (String line : lines) {
        input.pipeInput("proxy-1", line.getBytes(StandardCharsets.UTF_8));
      }
      driver.advanceWallClockTime(Duration.ofMinutes(1));
      return driver
          .createOutputTopic(
              QoeTopics.OPS_HEALTH.name(),
              QoeTopics.OPS_HEALTH.keySerde().deserializer(),
              QoeTopics.OPS_HEALTH.valueSerde().deserializer())
          .readValuesToList();
    }
  }

  /** Per slice and minute: licence requests, denials and errors, summed over its rows. */
  private static Map<String, List<Long>> totals(List<String> rows) {
    Map<String, List<Long>> totals = new TreeMap<>();
    for (String row : rows) {
      JsonNode health = readJson(row);
      totals.merge(
          health.get("slice").asText() + " " + health.get("window_start").asLong(),
          List.of(
              health.get("license_requests").asLong(),
              health.get("license_denials").asLong(),
              health.get("license_errors").asLong()),
          (a, b) -> List.of(a.get(0) + b.get(0), a.get(1) + b.get(1), a.get(2) + b.get(2)));
    }
    return totals;
  }

  private static long licences(List<String> rows) {
    return rows.stream().mapToLong(row -> readJson(row).get("license_requests").asLong()).sum();
  }

  private static JsonNode readJson(String row) {
    try {
      return JSON.readTree(row);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static ChildJvm normaliser(Path state) {
    return ChildJvm.start(
        "ops normaliser",
        List.of(
            ChildJvm.javaLauncher(),
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            OpsNormaliserMain.class.getName(),
            "--bootstrap-servers=" + kafka.bootstrapServers(),
            "--state-dir=" + state,
            "--session-timeout=6s",
            // Health waits for stragglers by the wall clock; the test need not wait 30 s for it.
            "--grace=3s"),
        Pattern.compile("ops normaliser running"),
        Duration.ofSeconds(90),
        "its output above");
  }

  private static KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all"),
        QoeTopics.OPS_RAW_DRM.keySerde().serializer(),
        QoeTopics.OPS_RAW_DRM.valueSerde().serializer());
  }

  private static void send(KafkaProducer<String, byte[]> producer, List<String> lines) {
    for (String line : lines) {
      // One key: one partition, so the lines keep their order as in the uninterrupted run.
      producer.send(
          new ProducerRecord<>(
              QoeTopics.OPS_RAW_DRM.name(), "proxy-1", line.getBytes(StandardCharsets.UTF_8)));
    }
    producer.flush();
  }

  /** Records of committed transactions on {@code topic}. */
  private static long committed(QoeTopic<String, ?> topic) {
    return readCommitted(topic).size();
  }

  private static List<String> health() {
    return readCommitted(QoeTopics.OPS_HEALTH);
  }

  private static <V> List<V> readCommitted(QoeTopic<String, V> topic) {
    List<V> values = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer =
        topic.consumerFromStart(kafka.bootstrapServers(), true)) {
      Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
      while (end.keySet().stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
      }
    }
    return values;
  }
}
