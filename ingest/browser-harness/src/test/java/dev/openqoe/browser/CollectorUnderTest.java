package dev.openqoe.browser;

import dev.openqoe.embedded.EmbeddedKafka;
import dev.openqoe.ingest.Collector;
import dev.openqoe.ingest.config.CollectorConfig;
import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.protocol.IngestedBeacon;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;

/**
 * The real collector on 127.0.0.1 with a real embedded Kafka broker, one ingest property that
 * allows exactly the test origin, a {@link CollectorTap} in front of it that records what reached
 * it, and a consumer of {@code qoe.beacons.v1} to read back what it stored.
 */
public final class CollectorUnderTest implements AutoCloseable {

  public static final String PROPERTY = "browser-harness";
  public static final String KEY = "browser-harness-key";

  private final EmbeddedKafka kafka;
  private final Collector collector;
  private final CollectorTap tap;
  private final KafkaConsumer<String, IngestedBeacon> consumer;
  private final List<ConsumerRecord<String, IngestedBeacon>> read = new ArrayList<>();
  private final Path scratch;

  private CollectorUnderTest(
      Path scratch,
      EmbeddedKafka kafka,
      Collector collector,
      CollectorTap tap,
      KafkaConsumer<String, IngestedBeacon> consumer) {
    this.scratch = scratch;
    this.kafka = kafka;
    this.collector = collector;
    this.tap = tap;
    this.consumer = consumer;
  }

  /**
   * Starts Kafka, the collector (allowing browser requests from {@code pageOrigin}) and the tap.
   */
  public static CollectorUnderTest start(Path scratch, String pageOrigin) {
    try {
      EmbeddedKafka kafka = EmbeddedKafka.on(scratch.resolve("kafka"), 0).start();
      kafka.createTopics(QoeTopics.ALL);
      Path properties = scratch.resolve("properties.json");
      Files.writeString(
          properties,
          """
          {"properties": [
            {"id": "%s", "keys": ["%s"], "allowed_origins": ["%s"], "rate_limit_per_second": 100000}
          ]}
          """
              .formatted(PROPERTY, KEY, pageOrigin));
      CollectorConfig config =
          CollectorConfig.load(
              new String[] {
                "--host=127.0.0.1",
                "--port=0",
                "--properties-file=" + properties,
                "--rate-limit.per-ip=100000"
              },
              Map.of());
      Collector collector = Collector.start(config, kafka.bootstrapServers());
      CollectorTap tap = CollectorTap.start(collector.url());
      KafkaConsumer<String, IngestedBeacon> consumer =
          QoeTopics.BEACONS.consumerFromStart(kafka.bootstrapServers());
      return new CollectorUnderTest(scratch, kafka, collector, tap, consumer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where players send CMCD event reports (through the tap): {@code .../v1/cmcd?k=<key>}. */
  public String cmcdUrl() {
    return tap.url() + "/v1/cmcd?k=" + KEY;
  }

  public CollectorTap tap() {
    return tap;
  }

  /**
   * Waits until the beacons stored for {@code sessionId} (the Kafka key) stop growing for a second
   * and at least {@code atLeast} are there; returns them in partition order.
   */
  public List<IngestedBeacon> storedBeacons(String sessionId, int atLeast) {
    return awaitQuiet(
        "beacons of session " + sessionId,
        sessionId,
        Duration.ofSeconds(30),
        Duration.ofMillis(200),
        Duration.ofSeconds(1),
        found -> found.size() >= atLeast);
  }

  /**
   * The beacons stored for an SDK session (the Kafka key is the session id), in partition order:
   * waits until its last beacon (an {@code end}, or a fatal {@code error}) and every {@code seq}
   * from 0 up to it are there and nothing more came for half a second (a duplicate would come
   * after); returns what is there after {@code atMost} otherwise, for the test to say what is
   * missing.
   */
  public List<IngestedBeacon> storedSession(String sessionId, Duration atMost) {
    try {
      return awaitQuiet(
          "the whole session " + sessionId,
          sessionId,
          atMost,
          Duration.ofMillis(100),
          Duration.ofMillis(500),
          found -> SeqCoverage.of(found).completeSession());
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      // the test reports what is missing from what is there
      return sessionBeacons(sessionId);
    }
  }

  /**
   * Reads the beacons topic until the beacons keyed {@code sessionId} satisfy {@code done} and no
   * more of them came for {@code quiet}; returns them in partition order.
   */
  private List<IngestedBeacon> awaitQuiet(
      String what,
      String sessionId,
      Duration atMost,
      Duration poll,
      Duration quiet,
      Predicate<List<IngestedBeacon>> done) {
    List<IngestedBeacon> found = new ArrayList<>();
    long[] lastChange = {System.nanoTime()};
    int[] lastCount = {-1};
    Awaitility.await(what + " on " + QoeTopics.BEACONS.name())
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              consumer.poll(poll).forEach(read::add);
              found.clear();
              found.addAll(sessionBeacons(sessionId));
              if (found.size() != lastCount[0]) {
                lastCount[0] = found.size();
                lastChange[0] = System.nanoTime();
              }
              return done.test(found) && System.nanoTime() - lastChange[0] > quiet.toNanos();
            });
    return List.copyOf(found);
  }

  private List<IngestedBeacon> sessionBeacons(String sessionId) {
    return read.stream().filter(r -> sessionId.equals(r.key())).map(ConsumerRecord::value).toList();
  }

  @Override
  public void close() {
    consumer.close();
    tap.close();
    collector.close();
    kafka.stopAndDelete();
  }

  Path scratch() {
    return scratch;
  }
}
