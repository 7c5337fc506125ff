package dev.openqoe.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openqoe.protocol.BeaconEvent;
import dev.openqoe.protocol.EventType;
import dev.openqoe.replay.ReplayCommand;
import dev.openqoe.session.SessionFactsJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ground truth is what the session model computes: every scripted session's beacons go through
 * {@code qoe replay} (the same code path as its CLI), and each replayed session must equal its
 * intended facts, field by field.
 */
class GroundTruthReplayTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void replayedSessionsEqualTheIntendedFactsFieldByField() throws IOException {
    SimulatorConfig config =
        SimulatorConfig.DEFAULTS
            .builder()
            .sessions(2000)
            .seed(42)
            .incidents(
                List.of(
                    Incident.parse("cdn-degraded:cdn=fastly,country=BR@5m+10m"),
                    Incident.parse("drm-outage:drm_system=widevine@10m+5m"),
                    Incident.parse("bad-rendition:asset_id=movie-1042,bitrate=4500@0s+40m"),
                    Incident.parse("player-bug:player_version=4.12.1@20m+10m")))
            .build();
    List<SimulatedSession> sessions = Scenario.fast(config, "replay", System.currentTimeMillis());
    Path beacons = dir.resolve("beacons.jsonl");
    try (Writer out = Files.newBufferedWriter(beacons)) {
      for (SimulatedSession session : sessions) {
        BeaconJson.writeLines(session.beacons(), out);
      }
    }
    Path replayed = dir.resolve("sessions.jsonl");
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int exit =
        ReplayCommand.run(
            new String[] {"--input", beacons.toString(), "--output", replayed.toString(), "-q"},
            new ByteArrayInputStream(new byte[0]),
            new ByteArrayOutputStream(),
            new PrintStream(stderr, true, StandardCharsets.UTF_8));

    assertThat(exit).isZero();
    assertThat(stderr.toString(StandardCharsets.UTF_8))
        .contains("(0 invalid lines, 0 duplicates, 0 after session end)");
    Map<String, JsonNode> actual =
        Files.readAllLines(replayed).stream()
            .map(GroundTruthReplayTest::parse)
            .collect(Collectors.toMap(j -> j.get("session_id").asText(), Function.identity()));
    assertThat(actual).hasSize(sessions.size());
    for (SimulatedSession session : sessions) {
      JsonNode intended = parse(SessionFactsJson.toJson(session.intended()));
      JsonNode got = actual.get(session.plan().sessionId());
      assertThat(fields(got))
          .as("session %s", session.plan().sessionId())
          .containsExactlyEntriesOf(fields(intended));
    }
  }

  @Test
  void theScriptCoversEveryOutcomeAndEveryKindOfBeacon() {
    List<SimulatedSession> sessions =
        Scenario.fast(
            SimulatorConfig.DEFAULTS.builder().sessions(2000).seed(7).build(),
            "cover",
            System.currentTimeMillis());
    assertThat(sessions.stream().map(s -> s.intended().startupOutcome()).distinct()).hasSize(4);
    assertThat(sessions.stream().map(s -> s.intended().endedBy()).distinct()).hasSize(3);
    assertThat(sessions.stream().filter(s -> s.intended().vpf())).isNotEmpty();
    assertThat(sessions.stream().filter(s -> s.intended().vpfBusiness())).isNotEmpty();
    assertThat(
            sessions.stream()
                .flatMap(s -> s.beacons().stream())
                .map(BeaconEvent::type)
                .distinct()
                .count())
        // Every transition type; cmcd reports come from players' CMCD, which is not simulated.
        .isEqualTo(EventType.values().length - 1);
  }

  private static Map<String, String> fields(JsonNode json) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      fields.put(field.getKey(), field.getValue().toString());
    }
    return fields;
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
