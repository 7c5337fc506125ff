package dev.openqoe.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openqoe.embedded.EmbeddedKafka;
import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.protocol.IngestedBeacon;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * With Kafka gone, the collector answers 503 with Retry-After within its response timeout and never
 * 2xx; once Kafka is back it accepts again, and nothing it acknowledged was lost. Stops the shared
 * broker and starts it again on the same data directory and ports.
 */
class KafkaOutageIT {

  @Test
  void answers503WhileKafkaIsDownAndNever2xxForUnstoredBeacons() {
    EmbeddedKafka kafka = SharedKafka.get();
    String session = Beacons.sessionId();
    List<Long> acknowledged = new ArrayList<>();
    try (TestCollector collector =
            TestCollector.start("--response-timeout-ms=1500", "--retry-after-seconds=7");
        TopicReader<IngestedBeacon> beacons =
            new TopicReader<>(kafka.bootstrapServers(), QoeTopics.BEACONS)) {
      assertThat(collector.postBeacons(Beacons.event(session, 0, "play_request")).statusCode())
          .isEqualTo(200);
      acknowledged.add(0L);

      kafka.stop();
      try {
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> collector.get("/readyz").statusCode() == 503);
        for (long seq = 1; seq <= 3; seq++) {
          long start = System.nanoTime();
          HttpResponse<String> response =
              collector.postBeacons(Beacons.event(session, seq, "heartbeat"));
          long millis = (System.nanoTime() - start) / 1_000_000;

          assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
          assertThat(response.headers().firstValue("Retry-After")).contains("7");
          assertThat(response.body()).contains("kafka_");
          assertThat(millis).as("ms until the 503").isLessThan(5_000);
        }
        // Refused at once (metadata gone, buffer full) or after the response timeout: both count.
        String metrics = collector.get("/metrics").body();
        assertThat(counter(metrics, "kafka_timeout") + counter(metrics, "kafka_unavailable"))
            .isEqualTo(3.0);
      } finally {
        kafka.start();
      }

      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> collector.postBeacons(Beacons.event(session, 10, "end")).statusCode() == 200);
      acknowledged.add(10L);
      // Readiness is a cached probe (at most one per second), so it follows the producer shortly.
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> collector.get("/readyz").statusCode() == 200);

      List<Long> stored =
          beacons
              .await(2, r -> r.key().equals(session) && r.value().event().seq() % 10 == 0)
              .stream()
              .map(r -> r.value().event().seq())
              .distinct()
              .toList();
      assertThat(stored).containsAll(acknowledged);
    }
  }

  private static double counter(String metrics, String reason) {
    Matcher value =
        Pattern.compile(
                "qoe_collector_requests_rejected_total\\{reason=\"" + reason + "\"} ([0-9.]+)")
            .matcher(metrics);
    return value.find() ? Double.parseDouble(value.group(1)) : 0;
  }
}
