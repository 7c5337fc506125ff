package dev.openqoe.simulator;

import dev.openqoe.embedded.EmbeddedKafka;
import dev.openqoe.ingest.Collector;
import dev.openqoe.ingest.config.CollectorConfig;
import dev.openqoe.kafka.QoeTopic;
import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.process.ScratchDirectory;
import dev.openqoe.protocol.IngestedBeacon;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;

/**
 * A real Kafka broker and a real collector in this JVM, both on loopback and free ports, with two
 * ingest properties: {@code fast-key} (no practical rate limit) and {@code slow-key} (5 requests/s,
 * so the collector answers 429). The collector trusts X-Forwarded-For, as behind a proxy, so each
 * simulated viewer has its own address, and locates it with the simulator's GeoIP databases.
 */
final class InProcessCollector implements AutoCloseable {

  static final String FAST_KEY = "fast-key";
  static final String SLOW_KEY = "slow-key";
  static final String FAST_OPS_KEY = "fast-ops-key";

  private final Path scratch;
  private final EmbeddedKafka kafka;
  private final Collector collector;

  private InProcessCollector(Path scratch, EmbeddedKafka kafka, Collector collector) {
    this.scratch = scratch;
    this.kafka = kafka;
    this.collector = collector;
  }

  static InProcessCollector start() {
    try {
      Path scratch = Files.createTempDirectory("qoe-simulator");
      EmbeddedKafka kafka = EmbeddedKafka.on(scratch.resolve("kafka"), 0);
      kafka.start();
      kafka.createTopics(QoeTopics.ALL);
      Path geoIp = Files.createDirectories(scratch.resolve("geoip"));
      GeoIpDatabases.write(Catalog.standard(), geoIp);
      Path properties = scratch.resolve("properties.json");
      Files.writeString(
          properties,
          """
          {"properties": [
            {"id": "fast", "keys": ["fast-key"], "ops_keys": ["fast-ops-key"],
             "allowed_origins": ["*"],
             "rate_limit_per_second": 100000},
            {"id": "slow", "keys": ["slow-key"], "allowed_origins": ["*"],
             "rate_limit_per_second": 5}
          ]}
          """);
      CollectorConfig config =
          CollectorConfig.load(
              new String[] {
                "--port=0",
                "--properties-file=" + properties,
                "--rate-limit.per-ip=100000",
                "--trust-forwarded-for=true",
                "--trusted-proxies=127.0.0.1,::1",
                "--geoip.database=" + geoIp.resolve(GeoIpDatabases.COUNTRY_FILE),
                "--geoip.asn-database=" + geoIp.resolve(GeoIpDatabases.ASN_FILE)
              },
              Map.of());
      return new InProcessCollector(
          scratch, kafka, Collector.start(config, kafka.bootstrapServers()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  URI beaconsUrl() {
    return URI.create(collector.url() + "/v1/beacons");
  }

  /** Reads qoe.beacons.v1 from the beginning until it holds {@code count} records. */
  List<IngestedBeacon> awaitBeacons(long count) {
    List<IngestedBeacon> read = new ArrayList<>();
    try (KafkaConsumer<String, IngestedBeacon> consumer =
        QoeTopics.BEACONS.consumerFromStart(kafka.bootstrapServers())) {
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> read.add(r.value()));
                return read.size() >= count;
              });
      // Anything beyond the expected count would be a duplicate or a stray: read what is there.
      consumer.poll(Duration.ofMillis(500)).forEach(r -> read.add(r.value()));
    }
    return read;
  }

  /**
   * The data lines (not {@code #} header lines) of the raw records on {@code topic}, once there are
   * {@code count} of them.
   */
  List<String> awaitRawLines(QoeTopic<String, byte[]> topic, long count) {
    List<String> read = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        topic.consumerFromStart(kafka.bootstrapServers())) {
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                consumer
                    .poll(Duration.ofMillis(200))
                    .forEach(
                        r ->
                            new String(r.value(), StandardCharsets.UTF_8)
                                .lines()
                                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                                .forEach(read::add));
                return read.size() >= count;
              });
      consumer.poll(Duration.ofMillis(500)).forEach(r -> read.add("unexpected record " + r));
    }
    return read;
  }

  @Override
  public void close() {
    collector.close();
    kafka.stop();
    ScratchDirectory.delete(scratch);
  }
}
