package dev.openqoe.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.openqoe.process.FreePorts;
import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.protocol.EventType;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The retry rules against an HTTP server on loopback that answers what each test scripts: statuses
 * the real collector gives only under conditions a test cannot cheaply cause (Kafka down, rate
 * limits). The real collector is exercised in SimulatorIT.
 */
class BeaconSenderTest {

  private static final SessionPlan SESSION =
      Scenario.fast(SimulatorConfig.DEFAULTS.builder().sessions(1).build(), "snd", 0L)
          .get(0)
          .plan();
  private static final BeaconBatch BATCH =
      new BeaconBatch(
          List.of(
              BeaconEvent.of(SESSION.sessionId(), 0, EventType.PLAY_REQUEST, 1_000),
              BeaconEvent.of(SESSION.sessionId(), 1, EventType.HEARTBEAT, 11_000)));

  private final Deque<Answer> answers = new ArrayDeque<>();
  private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
  private final List<String> forwardedFor = Collections.synchronizedList(new ArrayList<>());
  private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
  private final DeliveryStats stats = new DeliveryStats();
  private HttpServer server;
  private CollectorClient client;

  private record Answer(int status, String retryAfter, String body) {}

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void retriesA503AfterItsRetryAfterWithTheSameBeacons() throws Exception {
    answers.add(new Answer(503, "1", "{\"error\":\"kafka_unavailable\"}"));
    answers.add(new Answer(200, null, "{\"accepted\":2,\"rejected\":0,\"errors\":[]}"));
    long start = System.nanoTime();

    boolean stored = sender(Duration.ofSeconds(30)).send(BATCH, SESSION).get(20, TimeUnit.SECONDS);

    assertThat(stored).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(bodies).hasSize(2).containsOnly(BeaconJson.batch(BATCH.beacons()));
    assertThat(forwardedFor).containsOnly(SESSION.clientAddress());
    assertThat(stats.retriesUnavailable()).isEqualTo(1);
    assertThat(stats.beaconsAccepted()).isEqualTo(2);
    assertThat(stats.requests()).isEqualTo(2);
    assertThat(problems).isEmpty();
  }

  @Test
  void retriesA429UntilAccepted() throws Exception {
    answers.add(new Answer(429, "0", "{\"error\":\"rate_limited_property\"}"));
    answers.add(new Answer(429, "0", "{\"error\":\"rate_limited_property\"}"));
    answers.add(new Answer(200, null, "{\"accepted\":2,\"rejected\":0,\"errors\":[]}"));

    assertThat(sender(Duration.ofSeconds(30)).send(BATCH, SESSION).get(20, TimeUnit.SECONDS))
        .isTrue();
    assertThat(stats.retriesRateLimited()).isEqualTo(2);
    assertThat(stats.beaconsAccepted()).isEqualTo(2);
  }

  @Test
  void aRejectedBeaconIsReportedAsABug() throws Exception {
    answers.add(
        new Answer(
            200,
            null,
            "{\"accepted\":1,\"rejected\":1,\"errors\":[{\"index\":1,\"field\":\"ts\",\"reason\":\"bad\"}]}"));

    assertThat(sender(Duration.ofSeconds(30)).send(BATCH, SESSION).get(20, TimeUnit.SECONDS))
        .isFalse();
    assertThat(stats.beaconsAccepted()).isEqualTo(1);
    assertThat(stats.beaconsRejected()).isEqualTo(1);
    assertThat(problems).singleElement().asString().startsWith("BUG:").contains("\"field\":\"ts\"");
  }

  @Test
  void aRefusedBatchIsNotRetriedAndIsReported() throws Exception {
    answers.add(new Answer(400, null, "{\"error\":\"no_valid_events\",\"accepted\":0}"));

    assertThat(sender(Duration.ofSeconds(30)).send(BATCH, SESSION).get(20, TimeUnit.SECONDS))
        .isFalse();
    assertThat(stats.requests()).isEqualTo(1);
    assertThat(stats.beaconsRejected()).isEqualTo(2);
    assertThat(problems).singleElement().asString().contains("no_valid_events");
  }

  @Test
  void anUnknownKeyStopsTheRun() throws Exception {
    answers.add(new Answer(401, null, "{\"error\":\"unknown_ingest_key\"}"));
    BeaconSender sender = sender(Duration.ofSeconds(30));

    assertThat(sender.send(BATCH, SESSION).get(20, TimeUnit.SECONDS)).isFalse();
    assertThat(client.fatalProblem()).contains("401").contains("--ingest-key");
    assertThat(stats.beaconsLost()).isEqualTo(2);
  }

  @Test
  void givesUpOnAnUnreachableCollectorAndSaysSo() throws Exception {
    int closedPort = FreePorts.onLoopback();
    BeaconSender sender =
        new BeaconSender(
            new CollectorClient(
                HttpClient.newHttpClient(), "dev-key", Duration.ofSeconds(2), stats, problems::add),
            URI.create("http://127.0.0.1:" + closedPort + "/v1/beacons"),
            stats);

    assertThat(sender.send(BATCH, SESSION).get(20, TimeUnit.SECONDS)).isFalse();
    assertThat(stats.retriesConnection()).isGreaterThanOrEqualTo(2);
    assertThat(stats.beaconsLost()).isEqualTo(2);
    assertThat(problems).singleElement().asString().startsWith("gave up on 2 beacons");
  }

  private BeaconSender sender(Duration giveUpAfter) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/v1/beacons",
        exchange -> {
          bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          forwardedFor.add(exchange.getRequestHeaders().getFirst("X-Forwarded-For"));
          Answer answer = answers.poll();
          if (answer.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
          }
          byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(answer.status(), body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    client =
        new CollectorClient(
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
            "dev-key",
            giveUpAfter,
            stats,
            problems::add);
    return new BeaconSender(
        client,
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/beacons"),
        stats);
  }
}
