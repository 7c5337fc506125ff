package dev.openqoe.ingest;

import static dev.openqoe.ingest.GzipBodies.gzip;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;
import java.util.StringJoiner;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input gets the right status and reason, and leaves the collector healthy and fast. */
class BadInputCorpusIT {

  private static TestCollector collector;

  @BeforeAll
  static void start() {
    collector = TestCollector.start();
  }

  @AfterAll
  static void stop() {
    collector.close();
  }

  static Stream<Arguments> corpus() {
    String s = "bad-input";
    long now = System.currentTimeMillis();
    return Stream.of(
        Arguments.of("truncated JSON", json("{\"events\":[{\"v\":1,\"sess"), 400, "malformed_json"),
        Arguments.of("not JSON at all", json("hello"), 400, "malformed_json"),
        Arguments.of("empty body", json(""), 400, "no_events"),
        Arguments.of("JSON array root", json("[1,2]"), 400, "not_a_batch"),
        Arguments.of("events not an array", json("{\"events\":{}}"), 400, "not_a_batch"),
        Arguments.of("empty batch", json("{\"events\":[]}"), 400, "no_events"),
        Arguments.of(
            "wrong types",
            json("{\"v\":\"1\",\"session_id\":5,\"seq\":-1,\"type\":true,\"ts\":1.5}"),
            400,
            "no_valid_events"),
        Arguments.of(
            "huge string",
            json(event(s, now).replace("}", ",\"asset_id\":\"" + "x".repeat(100_000) + "\"}")),
            400,
            "no_valid_events"),
        Arguments.of("10k events", json(batchOf(10_000)), 413, "too_many_events"),
        Arguments.of("501 valid events", json(validBatchOf(501, s, now)), 413, "too_many_events"),
        Arguments.of(
            "body over 256 KiB",
            json("{\"pad\":\"" + "x".repeat(300_000) + "\"}"),
            413,
            "body_too_large"),
        Arguments.of(
            "bad gzip", gzipHeader(new byte[] {31, -117, 8, 0, 1, 2, 3}), 400, "malformed_gzip"),
        Arguments.of("gzip bomb", gzipHeader(gzip(new byte[10_000_000])), 413, "body_too_large"),
        Arguments.of(
            "raw control characters",
            json(event(s, now).replace("\"bad-input\"", "\"bad\u0001input\"")),
            400,
            "malformed_json"),
        Arguments.of(
            "escaped control characters",
            json(event(s, now).replace("}", ",\"cdn\":\"a\\u0007b\"}")),
            400,
            "no_valid_events"),
        Arguments.of("future timestamp", json(event(s, now + 86_400_000L)), 400, "no_valid_events"),
        Arguments.of("negative timestamp", json(event(s, -5)), 400, "no_valid_events"),
        Arguments.of(
            "deeply nested", json("[".repeat(5000) + "]".repeat(5000)), 400, "malformed_json"),
        Arguments.of(
            "duplicate keys",
            json("{\"v\":1,\"v\":1,\"session_id\":\"a\",\"seq\":0,\"type\":\"end\",\"ts\":1}"),
            400,
            "malformed_json"),
        Arguments.of(
            "unknown fields are ignored",
            json(event(s, now).replace("}", ",\"favourite_colour\":\"blue\"}")),
            200,
            null),
        Arguments.of(
            "wrong content type",
            HttpRequest.newBuilder()
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<a/>")),
            415,
            "unsupported_media_type"),
        Arguments.of(
            "unknown content encoding",
            HttpRequest.newBuilder()
                .header("Content-Encoding", "br")
                .POST(HttpRequest.BodyPublishers.ofString("{}")),
            415,
            "unsupported_encoding"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void answersBadInputWithItsStatusAndReason(
      String name, HttpRequest.Builder request, int status, String error) throws Exception {
    HttpResponse<String> response =
        collector.send(
            request
                .uri(URI.create(collector.url("/v1/beacons")))
                .header("X-QoE-Key", TestCollector.KEY));

    assertThat(response.statusCode()).as(name + ": " + response.body()).isEqualTo(status);
    if (error != null) {
      assertThat(response.body()).contains("\"error\":\"" + error + "\"").contains("\"reason\":");
    }
  }

  @Test
  void staysHealthyAndFastAfterTheWholeCorpus() {
    List<Arguments> cases = corpus().toList();
    for (int round = 0; round < 3; round++) {
      for (Arguments arguments : cases) {
        HttpRequest.Builder request =
            ((HttpRequest.Builder) arguments.get()[1])
                .copy()
                .uri(URI.create(collector.url("/v1/beacons")))
                .header("X-QoE-Key", TestCollector.KEY);
        try {
          collector.send(request);
        } catch (UncheckedIOException closedEarly) {
          // A 413 may close the connection while the client is still sending the oversized body,
          // so the client can miss the answer; that is the server protecting itself, not a fault.
          assertThat((int) arguments.get()[2])
              .as(arguments.get()[0] + ": " + closedEarly)
              .isEqualTo(413);
        }
      }
    }

    assertThat(collector.get("/healthz").statusCode()).isEqualTo(200);
    long start = System.nanoTime();
    HttpResponse<String> good =
        collector.postBeacons(event(Beacons.sessionId(), System.currentTimeMillis()));
    assertThat(good.statusCode()).isEqualTo(200);
    assertThat((System.nanoTime() - start) / 1_000_000).as("ms for a good beacon").isLessThan(1000);
    // Nothing left hanging: the only request in flight is the scrape itself.
    assertThat(collector.get("/metrics").body()).contains("qoe_collector_requests_in_flight 1.0");
  }

  private static String event(String session, long ts) {
    return "{\"v\":1,\"session_id\":\""
        + session
        + "\",\"seq\":0,\"type\":\"heartbeat\",\"ts\":"
        + ts
        + "}";
  }

  private static String batchOf(int count) {
    return "{\"events\":[" + String.join(",", Collections.nCopies(count, "{}")) + "]}";
  }

  private static String validBatchOf(int count, String session, long ts) {
    StringJoiner events = new StringJoiner(",", "{\"events\":[", "]}");
    for (int i = 0; i < count; i++) {
      events.add(
          "{\"v\":1,\"session_id\":\""
              + session
              + "\",\"seq\":"
              + i
              + ",\"type\":\"heartbeat\",\"ts\":"
              + ts
              + "}");
    }
    return events.toString();
  }

  private static HttpRequest.Builder json(String body) {
    return HttpRequest.newBuilder()
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private static HttpRequest.Builder gzipHeader(byte[] body) {
    return HttpRequest.newBuilder()
        .header("Content-Type", "application/json")
        .header("Content-Encoding", "gzip")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
  }
}
