package dev.openqoe.ingest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * One-beacon requests to /v1/beacons at a fixed rate, spread over a few HTTP clients. Each request
 * is started on schedule whatever earlier ones take (up to a thousand in flight), so slow answers
 * (Kafka down) do not lower the rate. Every beacon has an identity no other request has: one of a
 * few sessions, and its own seq. Records each request's answer, or why there was none.
 */
final class PacedBeaconLoad implements AutoCloseable {

  /** A request: its beacon's identity, when it was sent and answered, and the answer. */
  record Outcome(
      String sessionId,
      long seq,
      long sentNanos,
      long answeredNanos,
      int status,
      String body,
      String retryAfter,
      Throwable failure) {

    String identity() {
      return PacedBeaconLoad.identity(sessionId, seq);
    }

    boolean accepted() {
      return failure == null && status / 100 == 2;
    }

    long millis() {
      return (answeredNanos - sentNanos) / 1_000_000;
    }
  }

  private static final int SESSIONS = 64;
  // Each request in flight holds a connection: a bound keeps the sockets of this JVM in check when
  // it stalls and then catches up in one burst. 1,000 is 5 s of load, far more than the rate times
  // the collector's response timeout asks for, so it does not lower the rate otherwise.
  private static final int MOST_IN_FLIGHT = 1_000;
  private static final long TICK_MILLIS = 5;
  // Far above any answer the collector may give (its response timeout), and above the longest
  // stalls of a JVM on a shared 2-core machine at load 30-50 (20 s seen): reaching it is a hang.
  // Connecting may take as long; only a collector that cannot be reached at all is a failure.
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

  private final URI url;
  private final int perSecond;
  private final List<HttpClient> clients;
  private final String sessionPrefix = Beacons.sessionId();
  private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
  private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
  private final AtomicLong sent = new AtomicLong();
  private final Semaphore inFlight = new Semaphore(MOST_IN_FLIGHT);
  private final AtomicLong latestAcceptedSentNanos = new AtomicLong(Long.MIN_VALUE);
  private long startNanos;
  private long stopNanos;
  private long lastTickNanos;
  private long longestTickGapNanos;
  private ScheduledFuture<?> ticks;

  PacedBeaconLoad(String url, int perSecond, int clients) {
    this.url = URI.create(url);
    this.perSecond = perSecond;
    this.clients =
        IntStream.range(0, clients)
            .mapToObj(
                i ->
                    HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(REQUEST_TIMEOUT)
                        .build())
            .toList();
  }

  /** The identity of the beacon of {@code sessionId} and {@code seq}, as stored or sent. */
  static String identity(String sessionId, long seq) {
    return sessionId + "#" + seq;
  }

  void start() {
    startNanos = System.nanoTime();
    lastTickNanos = startNanos;
    ticks = pacer.scheduleAtFixedRate(this::sendDue, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Sends no more requests; those in flight are still answered. */
  void stop() throws InterruptedException {
    ticks.cancel(false);
    pacer.shutdown();
    pacer.awaitTermination(10, TimeUnit.SECONDS);
    stopNanos = System.nanoTime();
  }

  /** True when a request sent after {@code nanos} (System.nanoTime) was answered 2xx. */
  boolean acceptedSentAfter(long nanos) {
    return latestAcceptedSentNanos.get() > nanos;
  }

  boolean allAnswered() {
    return inFlight.availablePermits() == MOST_IN_FLIGHT;
  }

  List<Outcome> outcomes() {
    return List.copyOf(outcomes);
  }

  /** Requests per second sent between {@link #start} and {@link #stop}. */
  double rate() {
    return sent.get() * 1e9 / (stopNanos - startNanos);
  }

  /**
   * The longest time the pacer's thread did not run although due every few milliseconds: how long
   * this JVM stood still at worst (a busy machine, a pause), a figure to read the answer times by.
   * Call after {@link #stop}.
   */
  Duration longestStall() {
    return Duration.ofNanos(longestTickGapNanos);
  }

  /** Sends what the schedule asks for by now, catching up after a late tick. */
  private void sendDue() {
    long now = System.nanoTime();
    longestTickGapNanos = Math.max(longestTickGapNanos, now - lastTickNanos);
    lastTickNanos = now;
    long due = (now - startNanos) * perSecond / 1_000_000_000L;
    while (sent.get() < due) {
      send(sent.getAndIncrement());
    }
  }

  private void send(long seq) {
    String session = sessionPrefix + "-" + seq % SESSIONS;
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .header("X-QoE-Key", TestCollector.KEY)
            .POST(HttpRequest.BodyPublishers.ofString(Beacons.event(session, seq, "heartbeat")))
            .build();
    inFlight.acquireUninterruptibly();
    long sentNanos = System.nanoTime();
    clients
        .get((int) (seq % clients.size()))
        .sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .whenComplete(
            (response, failure) -> {
              Outcome outcome =
                  failure != null
                      ? new Outcome(
                          session, seq, sentNanos, System.nanoTime(), 0, null, null, failure)
                      : new Outcome(
                          session,
                          seq,
                          sentNanos,
                          System.nanoTime(),
                          response.statusCode(),
                          response.body(),
                          response.headers().firstValue("Retry-After").orElse(null),
                          null);
              outcomes.add(outcome);
              if (outcome.accepted()) {
                latestAcceptedSentNanos.accumulateAndGet(sentNanos, Math::max);
              }
              inFlight.release();
            });
  }

  /** Sends no more requests, if {@link #stop} was not reached. */
  @Override
  public void close() {
    pacer.shutdownNow();
  }
}
