package dev.openqoe.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Sends a player's batches to the collector as a well-behaved SDK does: 429 and 503 are retried
 * after their Retry-After, failed connections with exponential backoff, until {@code giveUpAfter};
 * anything else is not retried and is reported, never dropped silently.
 */
final class BeaconSender {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final long FIRST_BACKOFF_MS = 250;
  private static final long LONGEST_BACKOFF_MS = 30_000;

  private final HttpClient http;
  private final URI endpoint;
  private final String ingestKey;
  private final Duration giveUpAfter;
  private final DeliveryStats stats;
  private final Consumer<String> problems;
  private volatile String fatalProblem;

  /**
   * @param problems told, in a sentence, about every batch the collector refused or that was lost
   */
  BeaconSender(
      HttpClient http,
      URI endpoint,
      String ingestKey,
      Duration giveUpAfter,
      DeliveryStats stats,
      Consumer<String> problems) {
    this.http = http;
    this.endpoint = endpoint;
    this.ingestKey = ingestKey;
    this.giveUpAfter = giveUpAfter;
    this.stats = stats;
    this.problems = problems;
  }

  /**
   * A refusal no later request can avoid (wrong key, wrong URL), or null: the run should stop
   * instead of sending more into it.
   */
  String fatalProblem() {
    return fatalProblem;
  }

  /** Sends one batch; completes with whether the collector stored all of it. Never fails. */
  CompletableFuture<Boolean> send(BeaconBatch batch, SessionPlan session) {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .header("X-QoE-Key", ingestKey)
            .header("User-Agent", session.device().userAgent())
            .header("X-Forwarded-For", session.clientAddress())
            .POST(HttpRequest.BodyPublishers.ofString(BeaconJson.batch(batch.beacons())))
            .build();
    stats.beaconsSent.addAndGet(batch.beacons().size());
    return attempt(request, batch, session, 0, System.nanoTime() + giveUpAfter.toNanos());
  }

  private CompletableFuture<Boolean> attempt(
      HttpRequest request, BeaconBatch batch, SessionPlan session, int retries, long giveUpAt) {
    stats.requests.incrementAndGet();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .handle(
            (response, failure) -> {
              if (failure != null) {
                stats.retriesConnection.incrementAndGet();
                return retry(request, batch, session, retries, giveUpAt, -1, describe(failure));
              }
              int status = response.statusCode();
              if (status == 429 || status == 503) {
                (status == 429 ? stats.retriesRateLimited : stats.retriesUnavailable)
                    .incrementAndGet();
                return retry(
                    request,
                    batch,
                    session,
                    retries,
                    giveUpAt,
                    retryAfterMs(response),
                    status + " " + response.body());
              }
              return CompletableFuture.completedFuture(answered(response, batch, session));
            })
        .thenCompose(next -> next);
  }

  private CompletableFuture<Boolean> retry(
      HttpRequest request,
      BeaconBatch batch,
      SessionPlan session,
      int retries,
      long giveUpAt,
      long retryAfterMs,
      String why) {
    long backoff = Math.min(LONGEST_BACKOFF_MS, FIRST_BACKOFF_MS << Math.min(retries, 10));
    long delay =
        retryAfterMs >= 0
            ? retryAfterMs
            : ThreadLocalRandom.current().nextLong(backoff / 2, backoff + 1);
    if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay) > giveUpAt) {
      stats.beaconsLost.addAndGet(batch.beacons().size());
      problems.accept(
          "gave up on "
              + batch.beacons().size()
              + " beacons of session "
              + session.sessionId()
              + " after retrying for "
              + giveUpAfter.toSeconds()
              + " s; last answer: "
              + why);
      return CompletableFuture.completedFuture(false);
    }
    return CompletableFuture.supplyAsync(
            () -> null, CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS))
        .thenCompose(ignored -> attempt(request, batch, session, retries + 1, giveUpAt));
  }

  private boolean answered(HttpResponse<String> response, BeaconBatch batch, SessionPlan session) {
    int status = response.statusCode();
    int size = batch.beacons().size();
    JsonNode body = parse(response.body());
    if (status / 100 == 2) {
      int accepted = body.path("accepted").asInt(size);
      int rejected = body.path("rejected").asInt(0);
      stats.beaconsAccepted.addAndGet(accepted);
      if (rejected > 0) {
        stats.beaconsRejected.addAndGet(rejected);
        problems.accept(
            "BUG: the collector rejected "
                + rejected
                + " beacons of session "
                + session.sessionId()
                + ": "
                + body.path("errors"));
      }
      return rejected == 0;
    }
    if (status == 400) {
      stats.beaconsRejected.addAndGet(size);
      problems.accept(
          "BUG: the collector rejected the batch of session "
              + session.sessionId()
              + " (400): "
              + response.body());
      return false;
    }
    stats.beaconsLost.addAndGet(size);
    String problem =
        "the collector refused a request with "
            + status
            + " "
            + response.body().strip()
            + (status == 401 ? " (check --ingest-key)" : "")
            + (status == 404 ? " (check --collector: it takes the /v1/beacons URL)" : "");
    if (status == 401 || status == 403 || status == 404 || status == 405) {
      fatalProblem = problem;
    }
    problems.accept(problem);
    return false;
  }

  private static long retryAfterMs(HttpResponse<String> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .map(
            value -> {
              try {
                return Math.max(0, Long.parseLong(value.trim())) * 1000;
              } catch (NumberFormatException e) {
                return -1L; // an HTTP date: fall back to the backoff
              }
            })
        .orElse(-1L);
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body == null || body.isEmpty() ? "{}" : body);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  private static String describe(Throwable failure) {
    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
    return cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
  }
}
