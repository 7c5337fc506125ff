package dev.openqoe.simulator;

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
 * The simulator's side of every request to the collector, beacons and delivery-chain records alike:
 * 429 and 503 are retried after their Retry-After, failed connections with exponential backoff,
 * until {@code giveUpAfter}. A refusal no later request can avoid (wrong key, wrong URL) is
 * remembered as the run's fatal problem, so the run stops instead of sending more into it.
 */
final class CollectorClient {

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final long FIRST_BACKOFF_MS = 250;
  private static final long LONGEST_BACKOFF_MS = 30_000;

  private final HttpClient http;
  private final String ingestKey;
  private final Duration giveUpAfter;
  private final DeliveryStats stats;
  private final Consumer<String> problems;
  private volatile String fatalProblem;

  /**
   * @param problems told, in a sentence, about every request the collector refused or that was lost
   */
  CollectorClient(
      HttpClient http,
      String ingestKey,
      Duration giveUpAfter,
      DeliveryStats stats,
      Consumer<String> problems) {
    this.http = http;
    this.ingestKey = ingestKey;
    this.giveUpAfter = giveUpAfter;
    this.stats = stats;
    this.problems = problems;
  }

  /** What became of a request once retrying is over. */
  sealed interface Outcome {
    /** The collector's answer: neither 429 nor 503. */
    record Answered(HttpResponse<String> response) implements Outcome {}

    /**
     * @param lastAnswer the last status and body, or the connection failure, retried in vain
     */
    record GaveUp(String lastAnswer) implements Outcome {}
  }

  /** A request to the collector with the ingest key and a timeout, for the caller to complete. */
  HttpRequest.Builder request(URI endpoint) {
    return request(endpoint, ingestKey);
  }

  /** A request sent with another of the property's keys (its ops key, on /v1/ops). */
  HttpRequest.Builder request(URI endpoint, String key) {
    return HttpRequest.newBuilder(endpoint).timeout(REQUEST_TIMEOUT).header("X-QoE-Key", key);
  }

  /** Sends until answered or given up on; never fails. */
  CompletableFuture<Outcome> send(HttpRequest request) {
    return send(request, giveUpAfter);
  }

  /**
   * Sends until answered or given up on after {@code patience}; {@link Duration#ZERO} makes one
   * attempt. Never fails.
   */
  CompletableFuture<Outcome> send(HttpRequest request, Duration patience) {
    return attempt(request, 0, System.nanoTime() + patience.toNanos());
  }

  Duration giveUpAfter() {
    return giveUpAfter;
  }

  void problem(String problem) {
    problems.accept(problem);
  }

  /**
   * A refusal no later request can avoid (wrong key, wrong URL), or null: the run should stop
   * instead of sending more into it.
   */
  String fatalProblem() {
    return fatalProblem;
  }

  /**
   * Reports an answer that stores nothing and that retrying cannot change; 401, 403, 404 and 405
   * stop the run.
   *
   * @param hint what to check when the URL was not found
   */
  void refused(HttpResponse<String> response, String notFoundHint) {
    int status = response.statusCode();
    String problem =
        "the collector refused a request to "
            + response.request().uri().getPath()
            + " with "
            + status
            + " "
            + response.body().strip()
            + (status == 401 ? " (check --ingest-key)" : "")
            + (status == 404 ? " (" + notFoundHint + ")" : "");
    if (status == 401 || status == 403 || status == 404 || status == 405) {
      fatalProblem = problem;
    }
    problems.accept(problem);
  }

  private CompletableFuture<Outcome> attempt(HttpRequest request, int retries, long giveUpAt) {
    stats.requests.incrementAndGet();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .handle(
            (response, failure) -> {
              if (failure != null) {
                stats.retriesConnection.incrementAndGet();
                return retry(request, retries, giveUpAt, -1, describe(failure));
              }
              int status = response.statusCode();
              if (status == 429 || status == 503) {
                (status == 429 ? stats.retriesRateLimited : stats.retriesUnavailable)
                    .incrementAndGet();
                return retry(
                    request,
                    retries,
                    giveUpAt,
                    retryAfterMs(response),
                    status + " " + response.body());
              }
              return CompletableFuture.<Outcome>completedFuture(new Outcome.Answered(response));
            })
        .thenCompose(next -> next);
  }

  private CompletableFuture<Outcome> retry(
      HttpRequest request, int retries, long giveUpAt, long retryAfterMs, String why) {
    long backoff = Math.min(LONGEST_BACKOFF_MS, FIRST_BACKOFF_MS << Math.min(retries, 10));
    long delay =
        retryAfterMs >= 0
            ? retryAfterMs
            : ThreadLocalRandom.current().nextLong(backoff / 2, backoff + 1);
    if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay) > giveUpAt) {
      return CompletableFuture.completedFuture(new Outcome.GaveUp(why));
    }
    return CompletableFuture.supplyAsync(
            () -> null, CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS))
        .thenCompose(ignored -> attempt(request, retries + 1, giveUpAt));
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

  private static String describe(Throwable failure) {
    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
    return cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
  }
}
