package dev.openqoe.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.protocol.EventType;
import dev.openqoe.protocol.IngestSource;
import dev.openqoe.protocol.IngestedBeacon;
import dev.openqoe.protocol.RejectedBeacon;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replays what the real CMCD v2 reporter of @svta/cml-cmcd sent during one simulated playback
 * (fixtures written at build time by src/test/cmcd/write-fixtures.mjs) and reads the mapped beacons
 * back from Kafka.
 */
class CmcdIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FIXTURE_SESSION = "6e2fb550-c457-11e9-bb97-0800200c9a66";

  private static TestCollector collector;
  private static TopicReader<IngestedBeacon> beacons;

  @BeforeAll
  static void start() {
    collector = TestCollector.start();
    beacons = new TopicReader<>(SharedKafka.get().bootstrapServers(), QoeTopics.BEACONS);
  }

  @AfterAll
  static void stop() {
    beacons.close();
    collector.close();
  }

  @Test
  void mapsEventModeReportsOntoPlaybackTransitions() throws Exception {
    String session = replay("playback-query.jsonl", "event");

    List<IngestedBeacon> stored = read(session, 12);
    assertThat(stored)
        .extracting(b -> b.event().type())
        .containsExactly(
            EventType.PLAY_REQUEST,
            EventType.BITRATE_CHANGE,
            EventType.FIRST_FRAME,
            EventType.BITRATE_CHANGE,
            EventType.REBUFFER_START,
            EventType.REBUFFER_END,
            EventType.PAUSE,
            EventType.RESUME,
            EventType.SEEK_START,
            EventType.SEEK_END,
            EventType.ERROR,
            EventType.END);
    IngestedBeacon bitrateChange = stored.get(3);
    assertThat(bitrateChange.event().bitrateKbps()).isEqualTo(6000);
    assertThat(bitrateChange.event().seq()).isEqualTo(6);
    assertThat(bitrateChange.event().ts()).isEqualTo(1_767_225_604_810L);
    assertThat(bitrateChange.event().playheadMs()).isEqualTo(4000L);
    assertThat(bitrateChange.event().dimensions().assetId()).isEqualTo("asset-42");
    assertThat(bitrateChange.event().dimensions().custom()).containsEntry("cmcd_bl", "12000");
    assertThat(stored.get(10).event().error().code()).isEqualTo("MEDIA_ERR_DECODE");
    assertThat(bitrateChange.receipt().source()).isEqualTo(IngestSource.CMCD);
  }

  @Test
  void mapsRequestModeQueryParametersToHeartbeatsWithOddSequenceNumbers() throws Exception {
    String session = replay("playback-query.jsonl", "request");

    List<IngestedBeacon> stored = read(session, 3);
    assertThat(stored).extracting(b -> b.event().seq()).containsExactly(1L, 3L, 5L);
    assertThat(stored).extracting(b -> b.event().bitrateKbps()).containsExactly(3200, 3200, 6000);
    assertThat(stored.get(0).event().type()).isEqualTo(EventType.PLAY_REQUEST);
    assertThat(stored.get(2).event().type()).isEqualTo(EventType.BITRATE_CHANGE);
  }

  @Test
  void mapsRequestModeHeaders() throws Exception {
    String session = replay("playback-headers.jsonl", "request");

    List<IngestedBeacon> stored = read(session, 3);
    assertThat(stored).extracting(b -> b.event().playheadMs()).containsExactly(0L, 0L, 4000L);
    assertThat(stored.get(0).event().dimensions().streamType()).hasToString("VOD");
  }

  @Test
  void rejectsReportsThatCannotBeMappedWithTheirReason() throws Exception {
    HttpResponse<String> response =
        collector.send(
            HttpRequest.newBuilder(URI.create(collector.url("/v1/cmcd")))
                .header("X-QoE-Key", TestCollector.KEY)
                .header("Content-Type", "application/cmcd")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "br=3200,sid=\"v1-session\"\nsid=\"unterminated")));

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode errors = JSON.readTree(response.body()).get("errors");
    assertThat(errors.get(0).get("field").asText()).isEqualTo("cmcd.v");
    assertThat(errors.get(1).get("reason").asText()).contains("not a valid CMCD payload");
    try (var dlq =
        new TopicReader<RejectedBeacon>(
            SharedKafka.get().bootstrapServers(), QoeTopics.BEACONS_DLQ)) {
      assertThat(
              dlq.await(1, r -> r.value().payload().equals("sid=\"unterminated"))
                  .get(0)
                  .value()
                  .source())
          .isEqualTo(IngestSource.CMCD);
    }
  }

  /**
   * Sends the fixture's requests of one kind ("event" or "request") to the collector under a fresh
   * session id (so reruns do not mix), and returns that id.
   */
  private static String replay(String fixture, String kind) throws IOException {
    String session = UUID.randomUUID().toString();
    for (JsonNode sent : fixture(fixture)) {
      if (!sent.get("kind").asText().equals(kind)) {
        continue;
      }
      HttpResponse<String> response = collector.send(toCollector(sent, session));
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
    return session;
  }

  private static HttpRequest.Builder toCollector(JsonNode sent, String session) {
    URI original = URI.create(sent.get("url").asText());
    String query = original.getRawQuery() == null ? "" : original.getRawQuery() + "&";
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
            URI.create(
                collector.url(
                    "/v1/cmcd?"
                        + query.replace(FIXTURE_SESSION, session)
                        + "k="
                        + TestCollector.KEY)));
    sent.get("headers")
        .fields()
        .forEachRemaining(
            h ->
                request.header(
                    h.getKey(), h.getValue().asText().replace(FIXTURE_SESSION, session)));
    JsonNode body = sent.get("body");
    return body.isNull()
        ? request.GET()
        : request.POST(
            HttpRequest.BodyPublishers.ofString(body.asText().replace(FIXTURE_SESSION, session)));
  }

  private static List<JsonNode> fixture(String name) throws IOException {
    try (InputStream in = CmcdIT.class.getResourceAsStream("/cmcd/" + name)) {
      assertThat(in).as("fixture " + name + " (written by the build with npm)").isNotNull();
      List<JsonNode> requests = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          requests.add(JSON.readTree(line));
        }
      }
      return requests;
    }
  }

  private static List<IngestedBeacon> read(String session, int count) {
    return beacons.await(count, r -> r.key().equals(session)).stream().map(r -> r.value()).toList();
  }
}
