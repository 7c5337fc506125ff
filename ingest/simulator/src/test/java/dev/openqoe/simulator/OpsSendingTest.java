package dev.openqoe.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delivery chain's records on their way out of a run, against an HTTP server on loopback that
 * stands in for the collector's {@code /v1/beacons} and {@code /v1/ops/<feed>}: one raw record per
 * body, in time order per feed, CloudFront bodies each with their header, retried like beacons, and
 * the same records in the files beside the beacons.
 */
class OpsSendingTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private record Post(
      String feed, String contentType, String encoding, String key, String body, long receivedAt) {}

  /** Short sessions that beacon every 2 s, so a stopped real-time run ends within seconds. */
  private static final Behaviour BRIEF =
      new Behaviour(
          0.04, 0.012, 0.005, 800, 0.4, 0, 0, 20_000, 20_000, 2, 500, 4, 2, 0, 0.5, 0.004, 0.002, 0,
          8, 3, 0.95, 0.3, 0.3, 2_000);

  private final List<Post> posts = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger opsRequests = new AtomicInteger();
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private HttpServer server;

  @TempDir Path dir;

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void postsEachFeedInTimeOrderAndWritesTheSameRecordsBesideTheBeacons() throws Exception {
    // The first delivery-chain request meets a 429, as beacons do when the collector is busy.
    SimulationResult result = run(config(204, 1), 120);

    assertThat(result.clean()).isTrue();
    assertThat(result.delivery().retriesRateLimited()).isEqualTo(1);
    assertThat(posts).extracting(Post::feed).contains("cloudfront", "cdn", "drm", "mediaconvert");
    for (DeliveryFeed feed : DeliveryFeed.values()) {
      List<Post> bodies = posts.stream().filter(p -> p.feed().equals(feed.wireName())).toList();
      assertThat(bodies)
          .allSatisfy(
              p -> {
                assertThat(p.contentType()).isEqualTo(feed.contentType());
                assertThat(p.encoding()).isEqualTo("gzip");
                // the property's ops key, never the players' public ingest key
                assertThat(p.key()).isEqualTo("ops-secret");
                assertThat(p.body()).startsWith(feed.header()).endsWith("\n");
                assertThat(p.body().getBytes(StandardCharsets.UTF_8).length)
                    .isLessThanOrEqualTo(OpsSender.MAX_BODY_BYTES);
              });
      List<String> posted =
          bodies.stream().flatMap(p -> p.body().substring(feed.header().length()).lines()).toList();
      List<Long> times = posted.stream().map(r -> eventTime(feed, r)).toList();
      assertThat(times).isSorted();
      String file = Files.readString(OpsFiles.fileOf(dir.resolve("beacons.jsonl"), feed));
      assertThat(file).startsWith(feed.header());
      assertThat(file.substring(feed.header().length()).lines().toList()).isEqualTo(posted);
    }
    long records =
        posts.stream()
            .mapToLong(p -> p.body().lines().filter(l -> !l.startsWith("#")).count())
            .sum();
    // Stored once each: the body refused with 429 was sent again, and counted once.
    assertThat(result.delivery().opsRecordsStored()).isEqualTo(result.delivery().opsRecordsSent());
    assertThat(records).isEqualTo(result.delivery().opsRecordsSent());
    JsonNode summary = JSON.readTree(dir.resolve(GroundTruthFiles.SUMMARY).toFile());
    JsonNode incident = summary.get("incidents").get(0).get("delivery_chain");
    assertThat(incident.get("stage").asText()).isEqualTo("transcode");
    assertThat(incident.get("slices").get(0).asText()).isEqualTo("transcode|movie-1042|3000k");
    assertThat(incident.get("failed_job_ids")).hasSize(1);
    assertThat(summary.get("delivery").get("ops_records_stored").asLong())
        .isEqualTo(result.delivery().opsRecordsStored());
    assertThat(Files.readAllLines(dir.resolve(GroundTruthFiles.SESSIONS)))
        .allSatisfy(line -> assertThat(JSON.readTree(line).has("delivery_chain")).isTrue());
  }

  @Test
  void inRealTimeRecordsLeaveAsTheirTimeComesAndWhatNeverHappenedIsCountedAsNotDue()
      throws Exception {
    Simulator simulator =
        new Simulator(
            config(204, 0).clock(ClockMode.REAL_TIME).rate(4).sessions(12).behaviour(BRIEF).build(),
            new PrintStream(log, true, StandardCharsets.UTF_8));
    CompletableFuture<SimulationResult> run = CompletableFuture.supplyAsync(simulator::run);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> posts.stream().anyMatch(p -> !p.feed().equals("mediaconvert")));
    simulator.stop();
    SimulationResult result = run.get(60, TimeUnit.SECONDS);

    assertThat(result.delivery().opsRecordsStored()).isEqualTo(result.delivery().opsRecordsSent());
    // The resubmitted job at the incident's end, 40 minutes on, never came.
    assertThat(result.delivery().opsRecordsUnsent()).isPositive();
    for (Post post : posts) {
      DeliveryFeed feed = DeliveryFeed.valueOf(post.feed().toUpperCase(Locale.ROOT));
      assertThat(post.body().substring(feed.header().length()).lines())
          .allSatisfy(
              record ->
                  assertThat(eventTime(feed, record))
                      .as("sent after its time, and soon after: %s", record)
                      .isBetween(post.receivedAt() - 15_000, post.receivedAt()));
    }
  }

  @Test
  void withoutTheDeliveryChainNothingIsPostedOrWrittenBesideTheBeacons() throws Exception {
    SimulationResult result = run(config(204, 0).ops(false), 20);

    assertThat(result.clean()).isTrue();
    assertThat(posts).isEmpty();
    for (DeliveryFeed feed : DeliveryFeed.values()) {
      assertThat(OpsFiles.fileOf(dir.resolve("beacons.jsonl"), feed)).doesNotExist();
    }
    assertThat(
            JSON.readTree(dir.resolve(GroundTruthFiles.SUMMARY).toFile())
                .get("delivery")
                .has("ops_records_sent"))
        .isFalse();
    assertThat(Files.readAllLines(dir.resolve(GroundTruthFiles.SESSIONS)))
        .hasSize(20)
        .allSatisfy(line -> assertThat(JSON.readTree(line).has("delivery_chain")).isFalse());
  }

  @Test
  void aCollectorWithoutTheOpsEndpointStopsTheRunAndSaysWhatToDo() throws Exception {
    SimulationResult result = run(config(404, 0), 40);

    assertThat(result.clean()).isFalse();
    assertThat(result.fatalProblem()).contains("404").contains("--no-ops");
    assertThat(result.delivery().opsRecordsLost()).isPositive();
  }

  @Test
  void aLargeBatchIsSplitBelowTheLimitEachBodyWithItsHeader() {
    String line = "x".repeat(999);
    List<String> records = Collections.nCopies(2_000, line);

    List<String> bodies = OpsSender.bodies(DeliveryFeed.CLOUDFRONT, records);

    assertThat(bodies).hasSize(3);
    assertThat(bodies)
        .allSatisfy(
            body -> {
              assertThat(body).startsWith(CloudFrontLogLines.HEADER);
              assertThat(body.getBytes(StandardCharsets.UTF_8).length)
                  .isLessThanOrEqualTo(OpsSender.MAX_BODY_BYTES);
            });
    assertThat(bodies.stream().mapToLong(b -> b.lines().filter(l -> l.equals(line)).count()).sum())
        .isEqualTo(2_000);
  }

  private SimulatorConfig.Builder config(int opsStatus, int busyFirst) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/beacons", exchange -> answer(exchange, 200, "{}"));
    server.createContext(
        "/v1/ops/",
        exchange -> {
          byte[] body;
          try (GZIPInputStream in = new GZIPInputStream(exchange.getRequestBody())) {
            body = in.readAllBytes();
          }
          if (opsRequests.getAndIncrement() < busyFirst) {
            exchange.getResponseHeaders().add("Retry-After", "0");
            answer(exchange, 429, "{\"error\":\"rate_limited_client\"}");
            return;
          }
          posts.add(
              new Post(
                  exchange.getRequestURI().getPath().substring("/v1/ops/".length()),
                  exchange.getRequestHeaders().getFirst("Content-Type"),
                  exchange.getRequestHeaders().getFirst("Content-Encoding"),
                  exchange.getRequestHeaders().getFirst("X-QoE-Key"),
                  new String(body, StandardCharsets.UTF_8),
                  System.currentTimeMillis()));
          answer(exchange, opsStatus, opsStatus == 404 ? "{\"error\":\"not_found\"}" : "");
        });
    server.start();
    return SimulatorConfig.DEFAULTS
        .builder()
        .collector(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/beacons"))
        .opsKey("ops-secret")
        .seed(3)
        .sessionPrefix("ops")
        .incidents(
            List.of(Incident.parse("transcode-broken:asset=movie-1042,rendition=3000k@0s+40m")))
        .groundTruthDir(dir)
        .beaconsFile(dir.resolve("beacons.jsonl"))
        .giveUpAfter(Duration.ofSeconds(5))
        .progressInterval(Duration.ZERO);
  }

  private SimulationResult run(SimulatorConfig.Builder config, int sessions) {
    return new Simulator(
            config.sessions(sessions).build(), new PrintStream(log, true, StandardCharsets.UTF_8))
        .run();
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** A record's event time as its reader takes it. */
  private static long eventTime(DeliveryFeed feed, String record) {
    try {
      if (feed == DeliveryFeed.CLOUDFRONT) {
        String[] fields = record.split("\t");
        return LocalDateTime.parse(fields[0] + "T" + fields[1])
            .toInstant(ZoneOffset.UTC)
            .toEpochMilli();
      }
      JsonNode json = JSON.readTree(record);
      return feed == DeliveryFeed.MEDIACONVERT
          ? json.get("detail").get("timestamp").asLong()
          : Instant.parse(json.get("time").asText()).toEpochMilli();
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + record, e);
    }
  }
}
