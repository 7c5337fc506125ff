package dev.openqoe.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.protocol.IngestedBeacon;
import dev.openqoe.protocol.Receipt;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** GeoIP and proxy-aware enrichment, with the GeoIP2-format test databases of src/test/geoip. */
class EnrichmentIT {

  @Test
  void locatesTheForwardedClientAndStoresOnlyItsNetwork() {
    String session = Beacons.sessionId();
    try (TestCollector collector =
            TestCollector.start(
                "--trust-forwarded-for=true",
                "--trusted-proxies=127.0.0.1,::1,10.0.0.0/8",
                "--geoip.database=src/test/resources/geoip/test-city.mmdb",
                "--geoip.asn-database=src/test/resources/geoip/test-asn.mmdb");
        TopicReader<IngestedBeacon> beacons =
            new TopicReader<>(SharedKafka.get().bootstrapServers(), QoeTopics.BEACONS)) {
      int status =
          collector
              .send(
                  HttpRequest.newBuilder(URI.create(collector.url("/v1/beacons")))
                      .header("X-QoE-Key", TestCollector.KEY)
                      .header("X-Forwarded-For", "203.0.113.77, 10.0.0.1")
                      .POST(HttpRequest.BodyPublishers.ofString(Beacons.event(session, 0, "end"))))
              .statusCode();

      assertThat(status).isEqualTo(200);
      Receipt receipt = beacons.await(1, r -> r.key().equals(session)).get(0).value().receipt();
      assertThat(receipt.clientIp()).isEqualTo("203.0.113.0");
      assertThat(receipt.country()).isEqualTo("DE");
      assertThat(receipt.region()).isEqualTo("BE");
      assertThat(receipt.asn()).isEqualTo(64496L);
    }
  }
}
