package dev.openqoe.slo.evaluator;

import static dev.openqoe.slo.evaluator.AlertRecordsForTests.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The webhook against a receiver on loopback that fails as each test says. */
class WebhookTargetTest {

  private final Queue<String> received = new ConcurrentLinkedQueue<>();
  private final AtomicInteger attempts = new AtomicInteger();
  private final ByteArrayOutputStream errors = new ByteArrayOutputStream();
  private final Reporter reporter =
      new Reporter(
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
          new PrintStream(errors, true, StandardCharsets.UTF_8));
  private HttpServer server;

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void retriesAFailingReceiverAndDeliversEachTransitionInOrder() throws IOException {
    receiverAnswering(503, 503, 200, 200);
    AlertRecord firing = AlertRecordsForTests.firing("cdn=fastly", T0);
    AlertRecord resolved = AlertRecordsForTests.resolved("cdn=fastly", T0, T0 + 60_000);

    try (WebhookTarget webhook = new WebhookTarget(url(), Duration.ofMillis(20), reporter)) {
      webhook.send(new EvaluationRound(T0, List.of(), List.of(firing, resolved)));
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
    }

    assertThat(attempts).hasValue(4);
    assertThat(received).containsExactly(AlertJson.write(firing), AlertJson.write(resolved));
    assertThat(errors.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void givesUpAfterItsAttemptsAndSaysWhy() throws IOException {
    receiverAnswering(500, 500, 500, 500, 500, 500);

    try (WebhookTarget webhook = new WebhookTarget(url(), Duration.ofMillis(1), reporter)) {
      webhook.send(
          new EvaluationRound(T0, List.of(), List.of(AlertRecordsForTests.firing("", T0))));
    }

    assertThat(attempts).hasValue(WebhookTarget.ATTEMPTS);
    assertThat(errors.toString(StandardCharsets.UTF_8))
        .contains(
            "gave up on firing of dev/start-success/page after 5 attempts: HTTP 500 busy (500)");
  }

  @Test
  void aRefusalIsNotRetried() throws IOException {
    receiverAnswering(400, 200);

    try (WebhookTarget webhook = new WebhookTarget(url(), Duration.ofMillis(1), reporter)) {
      webhook.send(
          new EvaluationRound(T0, List.of(), List.of(AlertRecordsForTests.firing("", T0))));
    }

    assertThat(attempts).hasValue(1);
    assertThat(errors.toString(StandardCharsets.UTF_8))
        .contains("refused firing of dev/start-success/page: HTTP 400 busy (400)");
  }

  @Test
  void firingAlertsAreNotSentAgainOnlyTransitions() throws IOException {
    receiverAnswering(200);
    AlertRecord firing = AlertRecordsForTests.firing("", T0);

    try (WebhookTarget webhook = new WebhookTarget(url(), Duration.ofMillis(1), reporter)) {
      webhook.send(new EvaluationRound(T0, List.of(firing), List.of()));
    }

    assertThat(attempts).hasValue(0);
  }

  /** A receiver answering each POST with the next status (the last one from then on). */
  private void receiverAnswering(int... statuses) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hook",
        exchange -> {
          int attempt = attempts.getAndIncrement();
          int status = statuses[Math.min(attempt, statuses.length - 1)];
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          if (status == 200) {
            received.add(body);
          }
          byte[] answer = ("busy (" + status + ")").getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }
}
