package dev.openqoe.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.protocol.IngestedBeacon;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Shutdown while requests are in flight: every request is answered, every 200 is stored. */
class GracefulShutdownIT {

  @Test
  void answersEveryRequestInFlightAndStoresEveryAcknowledgedBeacon() throws Exception {
    String session = Beacons.sessionId();
    TestCollector collector = TestCollector.start();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
    for (int seq = 0; seq < 200; seq++) {
      responses.add(
          http.sendAsync(
              HttpRequest.newBuilder(URI.create(collector.url("/v1/beacons")))
                  .header("X-QoE-Key", TestCollector.KEY)
                  .timeout(Duration.ofSeconds(20))
                  .POST(
                      HttpRequest.BodyPublishers.ofString(Beacons.event(session, seq, "heartbeat")))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    // Wait until the server is busy with this load, then shut it down under it.
    responses.get(0).get(20, TimeUnit.SECONDS);
    collector.close();

    long acknowledged = 0;
    for (CompletableFuture<HttpResponse<String>> response : responses) {
      try {
        int status = response.get(20, TimeUnit.SECONDS).statusCode();
        assertThat(status).isIn(200, 503);
        if (status == 200) {
          acknowledged++;
        }
      } catch (ExecutionException refusedAfterClose) {
        // Requests that had not reached the server before it closed its port are not in flight.
        assertThat(refusedAfterClose.getCause()).isInstanceOf(IOException.class);
      }
    }
    assertThat(acknowledged).isPositive();
    try (TopicReader<IngestedBeacon> beacons =
        new TopicReader<>(SharedKafka.get().bootstrapServers(), QoeTopics.BEACONS)) {
      assertThat(beacons.await((int) acknowledged, r -> r.key().equals(session)))
          .hasSizeGreaterThanOrEqualTo((int) acknowledged);
    }
  }
}
