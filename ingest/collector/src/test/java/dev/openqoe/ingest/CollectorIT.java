package dev.openqoe.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.protocol.EventType;
import dev.openqoe.protocol.IngestSource;
import dev.openqoe.protocol.IngestedBeacon;
import dev.openqoe.protocol.RejectedBeacon;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CollectorIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FIREFOX =
      "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

  private static TestCollector collector;
  private static TopicReader<IngestedBeacon> beacons;
  private static TopicReader<RejectedBeacon> dlq;

  @BeforeAll
  static void start() {
    collector = TestCollector.start();
    beacons = new TopicReader<>(SharedKafka.get().bootstrapServers(), QoeTopics.BEACONS);
    dlq = new TopicReader<>(SharedKafka.get().bootstrapServers(), QoeTopics.BEACONS_DLQ);
  }

  @AfterAll
  static void stop() {
    beacons.close();
    dlq.close();
    collector.close();
  }

  @Test
  void storesABatchInOrderKeyedBySessionWithTheReceipt() throws Exception {
    String session = Beacons.sessionId();
    long before = System.currentTimeMillis();
    HttpResponse<String> response =
        collector.send(
            HttpRequest.newBuilder(URI.create(collector.url("/v1/beacons")))
                .header("Content-Type", "application/json")
                .header("X-QoE-Key", TestCollector.KEY)
                .header("User-Agent", FIREFOX)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        Beacons.batch(
                            Beacons.event(session, 0, "play_request"),
                            Beacons.event(session, 1, "first_frame"),
                            Beacons.event(session, 2, "end")))));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()))
        .isEqualTo(JSON.readTree("{\"accepted\":3,\"rejected\":0,\"errors\":[]}"));
    var records = beacons.await(3, r -> r.key().equals(session));
    assertThat(records)
        .extracting(r -> r.value().event().type())
        .containsExactly(EventType.PLAY_REQUEST, EventType.FIRST_FRAME, EventType.END);
    assertThat(records)
        .extracting(ConsumerRecord::partition)
        .containsOnly(records.get(0).partition());
    var receipt = records.get(0).value().receipt();
    assertThat(receipt.propertyId()).isEqualTo("test");
    assertThat(receipt.source()).isEqualTo(IngestSource.BEACON);
    assertThat(receipt.receivedAt()).isBetween(before, System.currentTimeMillis());
    assertThat(receipt.clientIp()).isEqualTo("127.0.0.0");
    assertThat(receipt.browser()).isEqualTo("Firefox");
    assertThat(receipt.browserVersion()).isEqualTo("128.0");
    assertThat(receipt.os()).isEqualTo("Ubuntu");
    assertThat(receipt.country()).isNull();
  }

  @Test
  void deliversTheGoodEventsOfABatchAndSendsTheBadOnesToTheDlqWithReasons() throws Exception {
    String session = Beacons.sessionId();
    String badTs =
        "{\"v\":1,\"session_id\":\"" + session + "\",\"seq\":1,\"type\":\"pause\",\"ts\":\"now\"}";
    HttpResponse<String> response =
        collector.postBeacons(
            Beacons.batch(
                Beacons.event(session, 0, "play_request"),
                badTs,
                "{\"v\":2}",
                Beacons.event(session, 3, "pause")));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("accepted").asInt()).isEqualTo(2);
    assertThat(body.get("rejected").asInt()).isEqualTo(2);
    assertThat(body.get("errors").get(0).get("index").asInt()).isEqualTo(1);
    assertThat(body.get("errors").get(0).get("field").asText()).isEqualTo("ts");
    assertThat(body.get("errors").get(1).get("index").asInt()).isEqualTo(2);
    assertThat(body.get("errors").get(1).get("reason").asText()).contains("protocol version");

    assertThat(beacons.await(2, r -> r.key().equals(session)))
        .extracting(r -> r.value().event().seq())
        .containsExactly(0L, 3L);
    var rejected = dlq.await(1, r -> r.value().payload().contains(session)).get(0).value();
    assertThat(rejected.batchIndex()).isEqualTo(1);
    assertThat(rejected.field()).isEqualTo("ts");
    assertThat(rejected.reason()).contains("must be an integer");
    assertThat(rejected.propertyId()).isEqualTo("test");
    assertThat(JSON.readTree(rejected.payload())).isEqualTo(JSON.readTree(badTs));
    assertThat(rejected.receivedAt()).isPositive();
    assertThat(rejected.clientIp()).isEqualTo("127.0.0.0");
  }

  @Test
  void answers400WithReasonsWhenEveryEventIsInvalid() throws Exception {
    HttpResponse<String> response = collector.postBeacons("{\"v\":1,\"session_id\":\"x y\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("error").asText()).isEqualTo("no_valid_events");
    assertThat(body.get("errors").get(0).get("field").asText()).isEqualTo("session_id");
  }

  @Test
  void acceptsGzipAndTextPlainAsNavigatorSendBeaconSendsIt() throws Exception {
    String session = Beacons.sessionId();
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
      gzip.write(Beacons.event(session, 0, "heartbeat").getBytes(StandardCharsets.UTF_8));
    }
    HttpResponse<String> gzipped =
        collector.send(
            HttpRequest.newBuilder(URI.create(collector.url("/v1/beacons?k=" + TestCollector.KEY)))
                .header("Content-Type", "text/plain;charset=UTF-8")
                .header("Content-Encoding", "gzip")
                .header("Origin", TestCollector.ORIGIN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(compressed.toByteArray())));

    assertThat(gzipped.statusCode()).isEqualTo(200);
    assertThat(gzipped.headers().firstValue("Access-Control-Allow-Origin"))
        .contains(TestCollector.ORIGIN);
    assertThat(gzipped.headers().firstValue("Access-Control-Expose-Headers"))
        .contains("Retry-After");
    assertThat(beacons.await(1, r -> r.key().equals(session))).hasSize(1);
  }

  @Test
  void answersCorsPreflightsForAllowedOriginsOnly() {
    HttpResponse<String> allowed =
        collector.send(
            HttpRequest.newBuilder(URI.create(collector.url("/v1/beacons")))
                .header("Origin", TestCollector.ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-qoe-key")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    HttpResponse<String> refused =
        collector.send(
            HttpRequest.newBuilder(URI.create(collector.url("/v1/beacons?k=" + TestCollector.KEY)))
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

    assertThat(allowed.statusCode()).isEqualTo(204);
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin"))
        .contains(TestCollector.ORIGIN);
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers").orElseThrow())
        .contains("X-QoE-Key");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void refusesBeaconsFromAnOriginThePropertyDoesNotAllowAndStoresNothing() {
    String session = Beacons.sessionId();
    HttpResponse<String> response =
        collector.send(
            HttpRequest.newBuilder(URI.create(collector.url("/v1/beacons")))
                .header("X-QoE-Key", TestCollector.KEY)
                .header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString(Beacons.event(session, 0, "end"))));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("origin_not_allowed");
    assertNothingStoredFor(session);
  }

  @Test
  void refusesUnknownKeysWith401AndStoresNothing() {
    String session = Beacons.sessionId();
    HttpResponse<String> response =
        collector.send(
            HttpRequest.newBuilder(URI.create(collector.url("/v1/beacons")))
                .header("X-QoE-Key", "guessed-key")
                .POST(HttpRequest.BodyPublishers.ofString(Beacons.event(session, 0, "end"))));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("unknown_ingest_key");
    assertNothingStoredFor(session);
  }

  @Test
  void closesTheConnectionOfARefusedRequestOnceItsBodyIsRead() throws Exception {
    URI uri = URI.create(collector.url("/"));
    String body = Beacons.event(Beacons.sessionId(), 0, "end");
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              ("POST /v1/beacons HTTP/1.1\r\nHost: 127.0.0.1\r\nX-QoE-Key: guessed-key\r\n"
                      + "Content-Length: "
                      + body.length()
                      + "\r\n\r\n"
                      + body)
                  .getBytes(StandardCharsets.US_ASCII));
      long start = System.nanoTime();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      long closedAfterMillis = (System.nanoTime() - start) / 1_000_000;

      assertThat(answer).startsWith("HTTP/1.1 401").containsIgnoringCase("connection: close");
      // The body was all sent: no reason to wait out the 2 s given to a client still sending.
      assertThat(closedAfterMillis).isLessThan(1_500);
    }
  }

  @Test
  void rateLimitsAPropertyWith429AndRetryAfter() {
    int limited = 0;
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> response =
          collector.send(
              HttpRequest.newBuilder(URI.create(collector.url("/v1/beacons")))
                  .header("X-QoE-Key", TestCollector.THROTTLED_KEY)
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          Beacons.event(Beacons.sessionId(), 0, "end"))));
      if (response.statusCode() == 429) {
        limited++;
        assertThat(response.headers().firstValue("Retry-After")).contains("1");
        assertThat(response.body()).contains("rate_limited_property");
      }
    }
    // The bucket holds two seconds' worth (2 requests) at 1 request/s.
    assertThat(limited).isGreaterThanOrEqualTo(2);
  }

  @Test
  void answersHealthReadinessMetricsAndUnknownPaths() {
    collector.postBeacons(Beacons.event(Beacons.sessionId(), 0, "end"));

    assertThat(collector.get("/healthz").statusCode()).isEqualTo(200);
    assertThat(collector.get("/readyz").statusCode()).isEqualTo(200);
    assertThat(collector.get("/nowhere").statusCode()).isEqualTo(404);
    assertThat(collector.get("/v1/beacons").statusCode()).isEqualTo(405);
    String metrics = collector.get("/metrics").body();
    assertThat(metrics)
        .contains("qoe_collector_events_accepted_total{property=\"test\",source=\"beacon\"}")
        .contains("qoe_collector_request_duration_seconds_bucket{endpoint=\"beacons\"")
        .contains("qoe_collector_requests_in_flight")
        .contains("qoe_collector_kafka_send_errors_total")
        .contains("qoe_collector_requests_rejected_total{reason=\"not_found\"}");
  }

  /** Stores a later beacon and waits for it, so anything stored for the session would show. */
  private static void assertNothingStoredFor(String session) {
    String later = Beacons.sessionId();
    collector.postBeacons(Beacons.event(later, 0, "end"));
    beacons.await(1, r -> r.key().equals(later));
    assertThat(beacons.readNow(r -> r.key().equals(session))).isEmpty();
    assertThat(dlq.readNow(r -> r.value().payload().contains(session))).isEmpty();
  }
}
