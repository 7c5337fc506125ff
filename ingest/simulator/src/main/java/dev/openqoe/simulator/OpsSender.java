package dev.openqoe.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPOutputStream;

/**
 * Posts released delivery-chain records to the collector's {@code /v1/ops/<feed>}, one raw record
 * per body (CloudFront lines with their header, JSON feeds as NDJSON), gzip-encoded, split to stay
 * within the collector's limit; one request at a time per feed, so each feed's records arrive in
 * time order. Retries are {@link CollectorClient}'s, like the beacons'.
 */
final class OpsSender implements OpsSink {

  /** The collector's limit on a decoded body. */
  static final int MAX_BODY_BYTES = 768 * 1024;

  private final CollectorClient client;
  private final String opsKey;
  private final URI beaconEndpoint;
  private final DeliveryStats stats;
  private final Map<DeliveryFeed, CompletableFuture<Void>> tails =
      new EnumMap<>(DeliveryFeed.class);
  private volatile boolean collectorAway;

  /**
   * @param beaconEndpoint the collector's beacon URL; the feeds are beside it, {@code
   *     .../v1/ops/<feed>}
   */
  /**
   * @param opsKey the property's ops key: the collector takes no delivery-chain records with the
   *     players' public key
   */
  OpsSender(CollectorClient client, String opsKey, URI beaconEndpoint, DeliveryStats stats) {
    this.client = client;
    this.opsKey = opsKey;
    this.beaconEndpoint = beaconEndpoint;
    this.stats = stats;
  }

  static URI endpoint(URI beaconEndpoint, DeliveryFeed feed) {
    return beaconEndpoint.resolve("ops/" + feed.wireName());
  }

  @Override
  public synchronized void write(DeliveryFeed feed, List<String> records) {
    for (Body body : split(feed, records)) {
      stats.opsRecordsSent.addAndGet(body.records());
      CompletableFuture<Void> tail =
          tails.getOrDefault(feed, CompletableFuture.completedFuture(null));
      tails.put(feed, tail.thenCompose(done -> post(feed, body)));
    }
  }

  /** Completes once everything written so far was answered or given up on. */
  synchronized CompletableFuture<Void> drained() {
    return CompletableFuture.allOf(tails.values().toArray(CompletableFuture[]::new));
  }

  private record Body(String text, int records) {}

  /** Bodies of at most {@link #MAX_BODY_BYTES}, each with the feed's header. */
  static List<String> bodies(DeliveryFeed feed, List<String> records) {
    return split(feed, records).stream().map(Body::text).toList();
  }

  private static List<Body> split(DeliveryFeed feed, List<String> records) {
    List<Body> bodies = new ArrayList<>();
    String header = feed.header();
    int headerBytes = header.getBytes(StandardCharsets.UTF_8).length;
    StringBuilder text = new StringBuilder(header);
    int bytes = headerBytes;
    int count = 0;
    for (String record : records) {
      int size = record.getBytes(StandardCharsets.UTF_8).length + 1;
      if (count > 0 && bytes + size > MAX_BODY_BYTES) {
        bodies.add(new Body(text.toString(), count));
        text = new StringBuilder(header);
        bytes = headerBytes;
        count = 0;
      }
      text.append(record).append('\n');
      bytes += size;
      count++;
    }
    if (count > 0) {
      bodies.add(new Body(text.toString(), count));
    }
    return bodies;
  }

  private CompletableFuture<Void> post(DeliveryFeed feed, Body body) {
    if (client.fatalProblem() != null) {
      stats.opsRecordsLost.addAndGet(body.records());
      return CompletableFuture.completedFuture(null);
    }
    HttpRequest request =
        client
            .request(endpoint(beaconEndpoint, feed), opsKey)
            .header("Content-Type", feed.contentType())
            .header("Content-Encoding", "gzip")
            .POST(HttpRequest.BodyPublishers.ofByteArray(gzip(body.text())))
            .build();
    // Once a body was given up on, the next ones get one attempt each until one is answered:
    // records queue behind each other, and a collector that stays away must not hold the run for
    // the give-up time once per body.
    return client
        .send(request, collectorAway ? Duration.ZERO : client.giveUpAfter())
        .thenAccept(
            outcome -> {
              if (outcome instanceof CollectorClient.Outcome.Answered answered) {
                collectorAway = false;
                answered(answered.response(), feed, body);
                return;
              }
              collectorAway = true;
              stats.opsRecordsLost.addAndGet(body.records());
              client.problem(
                  "gave up on "
                      + body.records()
                      + " "
                      + feed.wireName()
                      + " records after retrying for "
                      + client.giveUpAfter().toSeconds()
                      + " s; last answer: "
                      + ((CollectorClient.Outcome.GaveUp) outcome).lastAnswer());
            });
  }

  private void answered(HttpResponse<String> response, DeliveryFeed feed, Body body) {
    int status = response.statusCode();
    if (status / 100 == 2) {
      stats.opsRecordsStored.addAndGet(body.records());
    } else if (status == 400 || status == 413 || status == 415) {
      stats.opsRecordsRejected.addAndGet(body.records());
      client.problem(
          "BUG: the collector refused "
              + body.records()
              + " "
              + feed.wireName()
              + " records ("
              + status
              + "): "
              + response.body());
    } else {
      stats.opsRecordsLost.addAndGet(body.records());
      client.refused(
          response,
          "a collector without /v1/ops/"
              + feed.wireName()
              + " predates the delivery chain: run with"
              + " --no-ops, or check --collector");
    }
  }

  private static byte[] gzip(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("gzip in memory cannot fail", e);
    }
    return bytes.toByteArray();
  }
}
