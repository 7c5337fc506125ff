package dev.openqoe.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.protocol.BeaconParser;
import dev.openqoe.protocol.IngestedBeacon;
import dev.openqoe.protocol.ParseResult;
import dev.openqoe.protocol.Receipt;
import dev.openqoe.session.SessionAccumulator;
import dev.openqoe.session.SessionFacts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator against the real collector and Kafka: nothing lost, nothing changed. */
class SimulatorIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Short sessions without ad breaks or pauses, for runs that play out in real time. */
  private static final Behaviour BRIEF =
      new Behaviour(
          0.04, 0.012, 0.005, 800, 0.4, 0, 0, 6_000, 6_000, 2, 500, 4, 2, 0, 0.5, 0.004, 0.002, 0,
          8, 3, 0.95, 0.3, 0.3, 2_000);

  private static InProcessCollector collector;

  @TempDir Path dir;

  @BeforeAll
  static void startCollector() {
    collector = InProcessCollector.start();
  }

  @AfterAll
  static void stopCollector() {
    collector.close();
  }

  @Test
  void everyBeaconReachesKafkaAndReplaysToTheGroundTruth() throws Exception {
    SimulatorConfig config =
        SimulatorConfig.DEFAULTS
            .builder()
            .collector(collector.beaconsUrl())
            .ingestKey(InProcessCollector.FAST_KEY)
            .opsKey(InProcessCollector.FAST_OPS_KEY)
            .sessions(400)
            .concurrency(32)
            .seed(5)
            .sessionPrefix("it-fast")
            .behaviour(Behaviour.DEFAULTS.withoutVanishing())
            .incidents(List.of(Incident.parse("cdn-degraded:cdn=fastly@0s+40m")))
            .groundTruthDir(dir)
            .beaconsFile(dir.resolve("beacons.jsonl"))
            .progressInterval(Duration.ofSeconds(2))
            .build();

    SimulationResult result = new Simulator(config, log()).run();

    assertThat(result.clean()).isTrue();
    assertThat(result.sessions()).hasSize(400);
    System.out.printf(
        "SimulatorIT fast: %d sessions, %d beacons in %d ms: %.0f sessions/s, %.0f beacons/s%n",
        result.sessions().size(),
        result.delivery().beaconsAccepted(),
        result.elapsed().toMillis(),
        result.sessions().size() * 1000.0 / result.elapsed().toMillis(),
        result.delivery().beaconsAccepted() * 1000.0 / result.elapsed().toMillis());
    long expected = scripted(result);
    assertThat(result.delivery().beaconsAccepted()).isEqualTo(expected);

    List<IngestedBeacon> stored = collector.awaitBeacons(expected);
    Map<String, List<BeaconEvent>> bySession =
        stored.stream()
            .map(IngestedBeacon::event)
            .filter(b -> b.sessionId().startsWith("it-fast-"))
            .collect(Collectors.groupingBy(BeaconEvent::sessionId));
    Map<String, List<BeaconEvent>> sentBySession =
        Files.readAllLines(dir.resolve("beacons.jsonl")).stream()
            .map(line -> ((ParseResult.Valid) BeaconParser.lenientClock().parse(line)).event())
            .collect(Collectors.groupingBy(BeaconEvent::sessionId));
    assertThat(sentBySession).hasSize(400);
    for (SessionTruth truth : result.sessions()) {
      List<BeaconEvent> sent = sentBySession.get(truth.plan().sessionId());
      List<BeaconEvent> got =
          bySession.get(truth.plan().sessionId()).stream()
              .sorted(Comparator.comparingLong(BeaconEvent::seq))
              .toList();
      assertThat(sent).hasSize(truth.beacons());
      assertThat(got).isEqualTo(sent);
      assertThat(replay(got)).isEqualTo(truth.intended());
    }
    Map<String, IngestedBeacon> firstBySession =
        stored.stream()
            .filter(b -> b.event().seq() == 0)
            .collect(
                Collectors.toMap(b -> b.event().sessionId(), Function.identity(), (a, b) -> a));
    for (SessionTruth truth : result.sessions()) {
      SessionPlan plan = truth.plan();
      String address = plan.clientAddress();
      Receipt receipt = firstBySession.get(plan.sessionId()).receipt();
      assertThat(receipt.clientIp())
          .isEqualTo(address.substring(0, address.lastIndexOf('.')) + ".0");
      assertThat(receipt.country()).isEqualTo(plan.network().country());
      assertThat(receipt.asn()).isEqualTo(plan.network().asn());
    }

    List<String> lines = Files.readAllLines(dir.resolve(GroundTruthFiles.SESSIONS));
    assertThat(lines).hasSize(400);
    JsonNode first = JSON.readTree(lines.get(0));
    assertThat(first.get("session_id").asText()).isEqualTo("it-fast-0000000");
    assertThat(first.get("delivery").asText()).isEqualTo("delivered");
    JsonNode summary = JSON.readTree(dir.resolve(GroundTruthFiles.SUMMARY).toFile());
    JsonNode incident = summary.get("incidents").get(0);
    assertThat(incident.get("spec").asText()).isEqualTo("cdn-degraded:cdn=fastly@0s+40m");
    assertThat(incident.get("slice").get("rbr").asDouble())
        .isGreaterThan(3 * incident.get("rest").get("rbr").asDouble());
    assertThat(summary.get("delivery").get("beacons_accepted").asLong()).isEqualTo(expected);

    // The delivery chain's records reached their raw topics as the files beside the beacons hold
    // them, line for line (each POSTed CloudFront body repeats the file's header).
    for (var feed :
        Map.of(
                "cloudfront", QoeTopics.OPS_RAW_CLOUDFRONT,
                "cdn", QoeTopics.OPS_RAW_CDN,
                "drm", QoeTopics.OPS_RAW_DRM,
                "mediaconvert", QoeTopics.OPS_RAW_MEDIACONVERT)
            .entrySet()) {
      Path file =
          dir.resolve(
              feed.getKey().equals("cloudfront")
                  ? "beacons.cloudfront.log"
                  : "beacons." + feed.getKey() + ".jsonl");
      List<String> written =
          Files.readAllLines(file).stream()
              .filter(line -> !line.isBlank() && !line.startsWith("#"))
              .toList();
      assertThat(written).as(feed.getKey()).isNotEmpty();
      assertThat(collector.awaitRawLines(feed.getValue(), written.size()))
          .as(feed.getKey())
          .containsExactlyInAnyOrderElementsOf(written);
    }
  }

  @Test
  void waitsOutRateLimitsAndLosesNothing() {
    SimulatorConfig config =
        SimulatorConfig.DEFAULTS
            .builder()
            .collector(collector.beaconsUrl())
            .ops(false) // the property's 5 requests/s are the beacons' to spend here
            .ingestKey(InProcessCollector.SLOW_KEY)
            .sessions(40)
            .concurrency(20)
            .seed(6)
            .sessionPrefix("it-slow")
            .behaviour(BRIEF)
            .progressInterval(Duration.ZERO)
            .build();

    SimulationResult result = new Simulator(config, log()).run();

    assertThat(result.delivery().retriesRateLimited()).isPositive();
    assertThat(result.clean()).isTrue();
    long expected = scripted(result);
    assertThat(result.delivery().beaconsAccepted()).isEqualTo(expected);
  }

  @Test
  void inRealTimeBeaconsLeaveWhenThePlayerWouldSendThem() {
    SimulatorConfig config =
        SimulatorConfig.DEFAULTS
            .builder()
            .collector(collector.beaconsUrl())
            // Its records would mix with the fast run's on the raw topics, which are compared line
            // for line; OpsSendingTest checks that real-time records leave when their time comes.
            .ops(false)
            .ingestKey(InProcessCollector.FAST_KEY)
            .clock(ClockMode.REAL_TIME)
            .sessions(6)
            .rate(3)
            .seed(7)
            .sessionPrefix("it-live")
            .behaviour(BRIEF)
            .progressInterval(Duration.ZERO)
            .build();

    SimulationResult result = new Simulator(config, log()).run();

    assertThat(result.clean()).isTrue();
    long expected = scripted(result);
    List<IngestedBeacon> live =
        collector.awaitBeacons(expected).stream()
            .filter(b -> b.event().sessionId().startsWith("it-live-"))
            .toList();
    assertThat(live).hasSize((int) expected);
    // A beacon waits in the player's queue until the next send, at most a heartbeat.
    assertThat(live)
        .allSatisfy(
            b ->
                assertThat(b.receipt().receivedAt() - b.event().ts())
                    .isBetween(-1_000L, BRIEF.heartbeatMs() + 2_000L));
  }

  /** How many beacons the run's sessions were scripted with. */
  private static long scripted(SimulationResult result) {
    return result.sessions().stream().mapToLong(SessionTruth::beacons).sum();
  }

  private static SessionFacts replay(List<BeaconEvent> beacons) {
    SessionAccumulator session =
        new SessionAccumulator(
            beacons.get(0).sessionId(), SessionAccumulator.DEFAULT_INACTIVITY_TIMEOUT);
    beacons.forEach(session::offer);
    return session.close();
  }

  private static PrintStream log() {
    return new PrintStream(new TeeToStdout(), true, StandardCharsets.UTF_8);
  }

  /** The simulator's progress lines, shown in the test output as a person would see them. */
  private static final class TeeToStdout extends ByteArrayOutputStream {
    @Override
    public synchronized void flush() {
      System.out.print(toString(StandardCharsets.UTF_8));
      reset();
    }
  }
}
