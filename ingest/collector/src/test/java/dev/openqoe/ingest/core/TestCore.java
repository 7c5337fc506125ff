package dev.openqoe.ingest.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openqoe.ingest.CollectorMetrics;
import dev.openqoe.ingest.config.CollectorConfig;
import dev.openqoe.ingest.config.IngestProperty;
import dev.openqoe.ingest.config.PropertyRegistry;
import dev.openqoe.ingest.enrich.GeoIpLookup;
import dev.openqoe.ingest.enrich.ReceiptFactory;
import dev.openqoe.ingest.enrich.UserAgentClassifier;
import dev.openqoe.kafka.OpsFeed;
import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.protocol.BeaconParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The collector's core with an in-memory sink, deadlines the test lets pass, a fixed clock and the
 * properties of the integration tests: "test" (key test-key, ops key test-ops-key, origin
 * https://player.example), "throttled" (key throttled-key, ops key throttled-ops-key, any origin, 1
 * request/s) and "shared" (key shared-key, any origin, 100 requests/s).
 */
final class TestCore {

  static final String KEY = "test-key";
  static final String THROTTLED_KEY = "throttled-key";
  static final String SHARED_KEY = "shared-key";
  static final String OPS_KEY = "test-ops-key";
  static final String THROTTLED_OPS_KEY = "throttled-ops-key";
  static final String ORIGIN = "https://player.example";
  static final long NOW = 1_767_225_600_000L;

  private static final ObjectMapper JSON = new ObjectMapper();

  final TestSink sink = new TestSink();
  final HeldDeadlines deadlines = new HeldDeadlines();
  final CollectorMetrics metrics = new CollectorMetrics();
  final AtomicBoolean draining = new AtomicBoolean();

  /** The broker's disk shortage the core sees; null: room. */
  final AtomicReference<String> diskShortage = new AtomicReference<>();

  final CollectorConfig config;
  final IngestService service;

  /**
   * A core with the collector's defaults; {@code flags} override them, e.g. "--max-body-bytes=9".
   */
  TestCore(String... flags) {
    config = CollectorConfig.load(flags, Map.of());
    Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
    PropertyRegistry properties =
        new PropertyRegistry(
            List.of(
                new IngestProperty("test", List.of(KEY), List.of(OPS_KEY), Set.of(ORIGIN), 100_000),
                new IngestProperty(
                    "throttled",
                    List.of(THROTTLED_KEY),
                    List.of(THROTTLED_OPS_KEY),
                    Set.of("*"),
                    1),
                new IngestProperty("shared", List.of(SHARED_KEY), List.of(), Set.of("*"), 100)));
    service =
        new IngestService(
            config,
            properties,
            QoeTopics.OPS_FEEDS.stream().map(OpsFeed::name).toList(),
            BeaconParser.withFutureLimit(clock, config.maxFutureSkew()),
            new ReceiptFactory(clock, GeoIpLookup.open(null, null), new UserAgentClassifier()),
            sink,
            metrics,
            draining::get,
            diskShortage::get,
            deadlines);
  }

  /** A POST to /v1/beacons with the test key and JSON. */
  static TestExchange beaconPost() {
    return new TestExchange("POST")
        .header(RequestHeader.KEY, KEY)
        .header(RequestHeader.CONTENT_TYPE, "application/json");
  }

  /**
   * Hands the request to the core as a transport does: its head, then, when admitted, its body in
   * one piece. Returns the request, whose answers the test reads.
   */
  TestExchange send(Endpoint endpoint, TestExchange request, byte[] body) {
    AdmittedRequest admitted = service.admit(endpoint, request);
    if (admitted != null && admitted.accepts(body.length)) {
      admitted.received(body);
    }
    return request;
  }

  /** A POST of delivery-chain text with the test property's ops key. */
  static TestExchange opsPost() {
    return new TestExchange("POST")
        .header(RequestHeader.KEY, OPS_KEY)
        .header(RequestHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
  }

  /** Hands a request to {@code /v1/ops/<feed>} to the core, as {@link #send} does. */
  TestExchange sendOps(String feed, TestExchange request, byte[] body) {
    AdmittedRequest admitted = service.admitOps(feed, request);
    if (admitted != null && admitted.accepts(body.length)) {
      admitted.received(body);
    }
    return request;
  }

  TestExchange sendOps(String feed, TestExchange request, String body) {
    return sendOps(feed, request, body.getBytes(StandardCharsets.UTF_8));
  }

  TestExchange send(Endpoint endpoint, TestExchange request, String body) {
    return send(endpoint, request, body.getBytes(StandardCharsets.UTF_8));
  }

  /** POSTs {@code body} as JSON to /v1/beacons with the test key, and returns the one answer. */
  IngestAnswer postBeacons(String body) {
    return onlyAnswer(send(Endpoint.BEACONS, beaconPost(), body));
  }

  /** The request's answer; it must have exactly one. */
  static IngestAnswer onlyAnswer(TestExchange request) {
    assertThat(request.answers()).as("answers").hasSize(1);
    return request.answers().get(0);
  }

  static JsonNode json(IngestAnswer answer) {
    try {
      return JSON.readTree(answer.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The value of one series in the metrics' text exposition, 0 when absent. */
  double metric(String series) {
    String scrape = new String(metrics.scrape(), StandardCharsets.UTF_8);
    for (String line : scrape.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim());
      }
    }
    return 0;
  }

  double rejectedRequests(String reason) {
    return metric("qoe_collector_requests_rejected_total{reason=\"" + reason + "\"}");
  }

  /** A protocol-v1 event at the fixed clock's time. */
  static String event(String session, long seq, String type) {
    return "{\"v\":1,\"session_id\":\""
        + session
        + "\",\"seq\":"
        + seq
        + ",\"type\":\""
        + type
        + "\",\"ts\":"
        + NOW
        + "}";
  }

  static String batch(String... events) {
    return "{\"events\":[" + String.join(",", events) + "]}";
  }
}
