package dev.openqoe.ingest;

import dev.openqoe.embedded.EmbeddedKafka;
import dev.openqoe.ingest.config.CollectorConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A collector on 127.0.0.1 and a free port, against the shared broker (or one given), with test
 * properties: "test" (key test-key, ops key test-ops-key, origin https://player.example) and
 * "throttled" (key throttled-key, 1 request/s).
 */
public final class TestCollector implements AutoCloseable {

  public static final String KEY = "test-key";
  public static final String THROTTLED_KEY = "throttled-key";
  public static final String OPS_KEY = "test-ops-key";
  public static final String ORIGIN = "https://player.example";

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final Collector collector;
  private final Path properties;

  private TestCollector(Collector collector, Path properties) {
    this.collector = collector;
    this.properties = properties;
  }

  /** Starts a collector; {@code flags} override the test defaults, e.g. "--max-body-bytes=2048". */
  public static TestCollector start(String... flags) {
    return startOn(SharedKafka.get().bootstrapServers(), flags);
  }

  /** Starts a collector like {@link #start} against another broker than the shared one. */
  public static TestCollector startOn(String bootstrapServers, String... flags) {
    Path properties = properties();
    return new TestCollector(
        Collector.start(config(properties, flags), bootstrapServers), properties);
  }

  /**
   * Starts a collector as {@code ./qoe collector} does beside its development broker {@code kafka},
   * watching the disk of {@code --kafka.embedded-dir} (which {@code flags} give).
   */
  public static TestCollector startBesideEmbeddedBroker(EmbeddedKafka kafka, String... flags) {
    Path properties = properties();
    return new TestCollector(
        Collector.startBesideEmbeddedBroker(config(properties, flags), kafka.bootstrapServers()),
        properties);
  }

  private static CollectorConfig config(Path properties, String... flags) {
    List<String> args = new ArrayList<>();
    args.add("--port=0");
    args.add("--properties-file=" + properties);
    args.add("--rate-limit.per-ip=100000");
    args.addAll(List.of(flags));
    return CollectorConfig.load(args.toArray(String[]::new), Map.of());
  }

  private static Path properties() {
    try {
      Path properties = Files.createTempFile("qoe-properties", ".json");
      Files.writeString(
          properties,
          """
          {"properties": [
            {"id": "test", "keys": ["test-key"], "ops_keys": ["test-ops-key"],
             "allowed_origins": ["https://player.example"],
             "rate_limit_per_second": 100000},
            {"id": "throttled", "keys": ["throttled-key"], "allowed_origins": ["*"],
             "rate_limit_per_second": 1}
          ]}
          """);
      return properties;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url(String path) {
    return collector.url() + path;
  }

  public HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(
          request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** POSTs {@code body} as JSON to /v1/beacons with the test key. */
  public HttpResponse<String> postBeacons(String body) {
    return send(
        HttpRequest.newBuilder(URI.create(url("/v1/beacons")))
            .header("Content-Type", "application/json")
            .header("X-QoE-Key", KEY)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(url(path))).GET());
  }

  public Collector collector() {
    return collector;
  }

  @Override
  public void close() {
    collector.close();
    try {
      Files.deleteIfExists(properties);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
