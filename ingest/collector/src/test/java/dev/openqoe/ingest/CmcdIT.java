package dev.openqoe.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.protocol.CmcdReportMode;
import dev.openqoe.protocol.EventType;
import dev.openqoe.protocol.IngestSource;
import dev.openqoe.protocol.IngestedBeacon;
import dev.openqoe.protocol.RejectedBeacon;
import dev.openqoe.session.BeaconVerdict;
import dev.openqoe.session.EndedBy;
import dev.openqoe.session.SessionAccumulator;
import dev.openqoe.session.SessionFacts;
import dev.openqoe.session.StartupOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays what the real CMCD v2 reporter of @svta/cml-cmcd sent during one simulated playback
 * (fixtures in src/test/resources/cmcd/svta, written by src/test/cmcd/write-fixtures.mjs), reads
 * the stored beacons back from Kafka and runs them through the session model.
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
  void eventReportsSentInAnyOrderGiveTheSessionTheReporterPlayed() throws Exception {
    // Browsers send event reports concurrently: arrival order is not report order.
    List<JsonNode> reports = requestsOfKind("svta/playback-query.jsonl", "event");
    Collections.shuffle(reports, new Random(19));
    String session = send(reports);

    List<IngestedBeacon> stored = read(session, reports.size());
    assertThat(stored).allSatisfy(b -> assertThat(b.event().type()).isEqualTo(EventType.CMCD));
    assertThat(stored)
        .allSatisfy(b -> assertThat(b.receipt().source()).isEqualTo(IngestSource.CMCD));
    SessionFacts facts = sessionOf(session, stored);
    // The reporter's script (write-fixtures.mjs): play at +10 ms, first frame at +810, 6000 kbps
    // from +4810, a stall +6810..+8310, a pause +11310..+16310, a seek +17310..+17710, a decode
    // error at +17810 and the end at +19810.
    assertThat(facts.startupOutcome()).isEqualTo(StartupOutcome.STARTED);
    assertThat(facts.vstMs()).isEqualTo(800L);
    assertThat(facts.rebufferCount()).isEqualTo(1);
    assertThat(facts.rebufferMs()).isEqualTo(1_500);
    assertThat(facts.seekCount()).isEqualTo(1);
    assertThat(facts.playMs()).isEqualTo(6_000 + 3_000 + 1_000 + 2_100);
    assertThat(facts.errorCount()).isEqualTo(1);
    assertThat(facts.bitrateSwitches()).isEqualTo(1);
    assertThat(facts.avgBitrateKbps())
        .isCloseTo((4_000 * 3200 + 8_100 * 6000) / 12_100.0, offset(0.01));
    assertThat(facts.endedBy()).isEqualTo(EndedBy.END);
    assertThat(facts.dimensions().assetId()).isEqualTo("asset-42");
  }

  /**
   * What dash.js 5.2.1 and Shaka Player 5.2.12 really sent in event mode from headless Chromium,
   * captured by ingest/browser-harness (src/test/resources/cmcd/players), against what the page
   * measured itself. The live version of this, every mode, is browser-harness's RealPlayerCmcdIT.
   */
  @ParameterizedTest
  @ValueSource(strings = {"dashjs", "shaka"})
  void eventReportsThatARealPlayerSentGiveTheSessionItsPagePlayed(String player) throws Exception {
    List<JsonNode> captured = fixture("players/" + player + "-event.jsonl");
    JsonNode page;
    try (InputStream in =
        CmcdIT.class.getResourceAsStream("/cmcd/players/" + player + "-event.page.json")) {
      page = JSON.readTree(in).get("derived");
    }
    String session = null;
    for (JsonNode request : captured) {
      HttpResponse<String> response =
          collector.send(
              HttpRequest.newBuilder(URI.create(collector.url("/v1/cmcd?k=" + TestCollector.KEY)))
                  .header("Content-Type", "text/plain")
                  .POST(HttpRequest.BodyPublishers.ofString(request.get("body").asText())));
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      session = sessionIdOf(request.get("body").asText());
    }

    SessionFacts facts = sessionOf(session, read(session, captured.size()));

    assertThat(facts.vstMs()).isCloseTo(page.get("startup_ms").asLong(), within(300L));
    assertThat(facts.rebufferCount()).isEqualTo(page.get("rebuffer_count").asInt());
    assertThat(facts.rebufferMs()).isCloseTo(page.get("rebuffer_ms").asLong(), within(300L));
    assertThat(facts.seekCount()).isEqualTo(page.get("seek_count").asInt());
    assertThat(facts.playMs()).isCloseTo(page.get("play_ms").asLong(), within(500L));
    assertThat(facts.endedBy()).isEqualTo(EndedBy.END);
    if (player.equals("dashjs")) {
      // Shaka's event reports carry the variant's bandwidth, see the session-model README.
      assertThat(facts.avgBitrateKbps())
          .isCloseTo(page.get("time_weighted_video_bitrate_kbps").asDouble(), withinPercentage(15));
    }
  }

  private static String sessionIdOf(String report) {
    int start = report.indexOf("sid=\"") + 5;
    return report.substring(start, report.indexOf('"', start));
  }

  @Test
  void requestModeQueryParametersAreStoredAsReceived() throws Exception {
    String session = send(requestsOfKind("svta/playback-query.jsonl", "request"));

    List<IngestedBeacon> stored = read(session, 3);
    assertThat(stored)
        .extracting(b -> b.event().cmcd().mode())
        .containsOnly(CmcdReportMode.REQUEST);
    assertThat(stored).extracting(b -> b.event().cmcd().sn()).containsExactly(0L, 1L, 2L);
    assertThat(stored).extracting(b -> b.event().cmcd().state()).containsExactly("s", "p", "p");
    assertThat(stored).extracting(b -> b.event().bitrateKbps()).containsExactly(3200, 3200, 6000);
    assertThat(stored.get(0).event().cmcd().payload()).contains("sid=\"" + session + "\"", "sn=0");
    // cml-cmcd puts no ts on request-mode data: the collector's receive time stands in.
    assertThat(stored.get(0).event().ts()).isEqualTo(stored.get(0).receipt().receivedAt());
  }

  @Test
  void requestModeHeadersBecomeOneReportEach() throws Exception {
    String session = send(requestsOfKind("svta/playback-headers.jsonl", "request"));

    List<IngestedBeacon> stored = read(session, 3);
    assertThat(stored).extracting(b -> b.event().playheadMs()).containsExactly(0L, 0L, 4000L);
    assertThat(stored.get(0).event().dimensions().streamType()).hasToString("VOD");
    assertThat(stored).extracting(b -> b.event().cmcd().sn()).containsExactly(0L, 1L, 2L);
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

  /** The fixture's requests of one kind: "event" or "request". */
  private static List<JsonNode> requestsOfKind(String fixture, String kind) throws IOException {
    List<JsonNode> requests = new ArrayList<>();
    for (JsonNode sent : fixture(fixture)) {
      if (sent.get("kind").asText().equals(kind)) {
        requests.add(sent);
      }
    }
    return requests;
  }

  /** Sends requests to the collector under a fresh session id (so reruns do not mix): its id. */
  private static String send(List<JsonNode> requests) throws IOException {
    String session = UUID.randomUUID().toString();
    for (JsonNode sent : requests) {
      HttpResponse<String> response = collector.send(toCollector(sent, session));
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
    return session;
  }

  /** What the stream jobs make of the stored beacons: applied in seq order, then closed. */
  private static SessionFacts sessionOf(String session, List<IngestedBeacon> stored) {
    SessionAccumulator accumulator = new SessionAccumulator(session, Duration.ZERO);
    stored.stream()
        .map(IngestedBeacon::event)
        .sorted(Comparator.comparingLong(BeaconEvent::seq))
        .forEach(
            beacon ->
                assertThat(accumulator.offer(beacon))
                    .as("%s", beacon)
                    .isIn(BeaconVerdict.APPLIED, BeaconVerdict.TRAILING_REPORT));
    return accumulator.close();
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
      assertThat(in)
          .as(
              "fixture %s (svta/: src/test/cmcd, npm run fixtures; players/: browser-harness)",
              name)
          .isNotNull();
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
