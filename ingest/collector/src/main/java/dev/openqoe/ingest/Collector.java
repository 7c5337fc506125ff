package dev.openqoe.ingest;

import dev.openqoe.ingest.config.CollectorConfig;
import dev.openqoe.ingest.config.NetworkExposure;
import dev.openqoe.ingest.config.PropertyRegistry;
import dev.openqoe.ingest.core.IngestService;
import dev.openqoe.ingest.core.StorageRoom;
import dev.openqoe.ingest.enrich.GeoIpLookup;
import dev.openqoe.ingest.enrich.ReceiptFactory;
import dev.openqoe.ingest.enrich.UserAgentClassifier;
import dev.openqoe.ingest.http.CollectorServer;
import dev.openqoe.ingest.http.EventLoopDeadlines;
import dev.openqoe.ingest.http.IngestHandler;
import dev.openqoe.ingest.kafka.BeaconSink;
import dev.openqoe.ingest.kafka.KafkaReadiness;
import dev.openqoe.ingest.kafka.LogDirectoryGuard;
import dev.openqoe.kafka.OpsFeed;
import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.protocol.BeaconParser;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running collector: HTTP server, Kafka producer and enrichment, wired from a configuration. */
public final class Collector implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Collector.class);
  private static final Duration KAFKA_METADATA_TIMEOUT = Duration.ofSeconds(30);

  private final CollectorConfig config;
  private final CollectorServer server;
  private final BeaconSink sink;
  private final KafkaReadiness readiness;
  private final GeoIpLookup geoIp;
  private final LogDirectoryGuard diskGuard;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Collector(
      CollectorConfig config,
      CollectorServer server,
      BeaconSink sink,
      KafkaReadiness readiness,
      GeoIpLookup geoIp,
      LogDirectoryGuard diskGuard) {
    this.config = config;
    this.server = server;
    this.sink = sink;
    this.readiness = readiness;
    this.geoIp = geoIp;
    this.diskGuard = diskGuard;
  }

  /**
   * Starts a collector writing to the Kafka cluster at {@code bootstrapServers}, whose topics must
   * exist. Returns once it listens.
   */
  public static Collector start(CollectorConfig config, String bootstrapServers) {
    return start(config, bootstrapServers, null);
  }

  /**
   * Starts a collector writing to the broker at {@code bootstrapServers} that runs in this JVM on
   * {@code kafka.embedded-dir}: it refuses records while that disk has less free space than {@code
   * kafka.embedded-min-free-bytes}, before the broker fills it and halts the JVM.
   */
  public static Collector startBesideEmbeddedBroker(
      CollectorConfig config, String bootstrapServers) {
    return start(
        config,
        bootstrapServers,
        LogDirectoryGuard.watching(config.embeddedKafkaDir(), config.embeddedKafkaMinFreeBytes()));
  }

  /**
   * @param diskGuard the embedded broker's disk, or null for a cluster
   */
  private static Collector start(
      CollectorConfig config, String bootstrapServers, LogDirectoryGuard diskGuard) {
    StorageRoom room = diskGuard == null ? StorageRoom.UNWATCHED : diskGuard;
    PropertyRegistry properties =
        config.propertiesFile() == null
            ? PropertyRegistry.devDefault()
            : PropertyRegistry.load(config.propertiesFile());
    NetworkExposure.check(config, properties);
    if (properties.plainKeys() > 0) {
      LOG.warn(
          "{} keys in {} are written in plain text: anyone who reads the file can use them. Write"
              + " each as sha256:<digest> (printf %s 'KEY' | sha256sum)",
          properties.plainKeys(), config.propertiesFile());
    }
    CollectorMetrics metrics = new CollectorMetrics();
    BeaconSink sink = new BeaconSink(bootstrapServers, config, error -> metrics.kafkaSendError());
    sink.awaitTopics(KAFKA_METADATA_TIMEOUT);
    KafkaReadiness readiness = new KafkaReadiness(bootstrapServers);
    GeoIpLookup geoIp = GeoIpLookup.open(config.geoipDatabase(), config.geoipAsnDatabase());
    Clock clock = Clock.systemUTC();
    AtomicBoolean draining = new AtomicBoolean();
    Vertx vertx = CollectorServer.newVertx(config.eventLoops());
    IngestService service =
        new IngestService(
            config,
            properties,
            QoeTopics.OPS_FEEDS.stream().map(OpsFeed::name).toList(),
            BeaconParser.withFutureLimit(clock, config.maxFutureSkew()),
            new ReceiptFactory(clock, geoIp, new UserAgentClassifier()),
            sink,
            metrics,
            draining::get,
            room,
            new EventLoopDeadlines(vertx, config.responseTimeout()));
    IngestHandler ingest =
        new IngestHandler(
            service, metrics, new EventLoopDeadlines(vertx, config.requestBodyTimeout()));
    CollectorServer server =
        CollectorServer.start(vertx, config, ingest, metrics, readiness, room, draining);
    Collector collector = new Collector(config, server, sink, readiness, geoIp, diskGuard);
    LOG.info(
        "collector listening on {} ({} event loops, Kafka {}, {} properties, GeoIP {})",
        collector.url(),
        config.eventLoops(),
        bootstrapServers,
        properties.all().size(),
        geoIp.isEnabled() ? "on" : "off");
    return collector;
  }

  public int port() {
    return server.port();
  }

  /** The base URL, e.g. http://127.0.0.1:8480. */
  public String url() {
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return "http://" + host + ":" + port();
  }

  /**
   * Graceful shutdown: refuses new requests, lets those in flight finish (bounded by the shutdown
   * timeout), flushes the producer, then closes the server.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    LOG.info("collector shutting down: finishing requests in flight");
    server.drain(config.shutdownTimeout());
    sink.close(config.shutdownTimeout());
    server.close();
    readiness.close();
    if (diskGuard != null) {
      diskGuard.close();
    }
    try {
      geoIp.close();
    } catch (IOException e) {
      LOG.warn("cannot close GeoIP databases: {}", e.toString());
    }
    LOG.info("collector stopped");
  }
}
