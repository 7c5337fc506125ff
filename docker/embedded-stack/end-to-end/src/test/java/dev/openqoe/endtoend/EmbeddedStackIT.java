package dev.openqoe.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openqoe.pinot.PinotBroker;
import dev.openqoe.pinot.ResultTable;
import dev.openqoe.simulator.Behaviour;
import dev.openqoe.simulator.Incident;
import dev.openqoe.simulator.SimulationResult;
import dev.openqoe.simulator.Simulator;
import dev.openqoe.simulator.SimulatorConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stack as {@code ./qoe up} starts it, fed by the simulator with a CDN, a DRM and a transcode
 * incident: the warehouse holds exactly the sessions the simulator intended, Pinot's drill-down
 * puts the CDN incident's slice on top, every failed session's failure_stage is the ground truth's
 * ({@link FailureStageChecks}), the delivery chain's records show each incident in its slices
 * ({@link DeliveryChainChecks}), {@code ./qoe sql} and Pinot agree on the totals, the SLO evaluator
 * the stack runs opens the start success ticket that the run's start failures call for ({@code
 * ./qoe alerts}), and a restart on the same data directory keeps every row in both and neither
 * repeats nor forgets that alert.
 */
class EmbeddedStackIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SESSIONS = 240;
  private static final String START_SUCCESS_TICKET = "dev/start-success/ticket";

  /** Session facts the simulator scripts and dwd.sessions stores, compared field for field. */
  private static final List<String> COMPARED =
      List.of(
          "ended_by",
          "attempt",
          "startup_outcome",
          "vst_ms",
          "play_ms",
          "rebuffer_ms",
          "rebuffer_count",
          "ad_ms",
          "seek_count",
          "error_count",
          "bitrate_switches",
          "vpf",
          "vpf_business",
          "cdn",
          "asset_id",
          "device_type");

  private static final String ICEBERG_TOTALS =
      "SELECT cdn, COUNT(*) AS sessions, SUM(play_ms) AS play_ms, SUM(rebuffer_ms) AS rebuffer_ms"
          + " FROM dwd.sessions GROUP BY cdn";
  private static final String PINOT_TOTALS =
      "SELECT cdn, COUNT(*) AS session_count, SUM(play_ms) AS play_total,"
          + " SUM(rebuffer_ms) AS rebuffer_total FROM qoe_sessions GROUP BY cdn LIMIT 100";

  @TempDir Path dir;

  @Test
  void anIncidentFlowsThroughEveryLayerAndARestartKeepsEveryRow() throws Exception {
    Path data = dir.resolve("data");
    try (EmbeddedStack stack = EmbeddedStack.onFreePorts(data, dir.resolve("up.log")).start()) {
      long runStart = System.currentTimeMillis();
      SimulationResult run =
          new Simulator(
                  SimulatorConfig.DEFAULTS
                      .builder()
                      .collector(URI.create(stack.collectorUrl() + "/v1/beacons"))
                      .sessions(SESSIONS)
                      .seed(11)
                      .incidents(
                          List.of(
                              Incident.parse("cdn-degraded:cdn=fastly@0s+40m"),
                              Incident.parse("drm-outage:drm_system=widevine@10m+10m"),
                              Incident.parse(
                                  "transcode-broken:asset=movie-1042,rendition=3000k@0s+40m"),
                              Incident.parse("player-bug:player_version=1.4.1@0s+40m")))
                      // every session ends with end or a fatal error, so none waits out the
                      // 2-minute inactivity timeout
                      .behaviour(Behaviour.DEFAULTS.withoutVanishing())
                      .groundTruthDir(dir.resolve("truth"))
                      .build(),
                  System.err)
              .run();
      assertThat(run.clean()).as("every simulated beacon accepted").isTrue();
      Map<String, JsonNode> intended = groundTruth(dir.resolve("truth/sessions.jsonl"));
      assertThat(intended).hasSize(SESSIONS);

      Map<String, JsonNode> stored = awaitIcebergSessions(data);
      assertThat(stored.keySet()).isEqualTo(intended.keySet());
      for (var session : intended.entrySet()) {
        assertSameFacts(session.getKey(), stored.get(session.getKey()), session.getValue());
      }

      JsonNode drill = awaitDrill(stack, "--metric", "rbr", "--by", "cdn", "--since", "3h");
      assertThat(drill.at("/groups/0/dimensions/cdn").asText())
          .as("the slice with the most excess rebuffering: %s", drill)
          .isEqualTo("fastly");

      assertThat(DeliveryChainChecks.awaitAllSources(data).keySet())
          .containsExactly("cdn", "drm", "transcode");
      // Fast runs' events end by the run's start, and the normaliser writes a minute's health 30 s
      // after its events came: by now every minute up to 2 minutes before the start is written.
      long closedBefore = (runStart / 60_000 - 2) * 60_000;
      DeliveryChainChecks.assertIncidentsShow(
          data,
          stack.pinotBrokerUrl(),
          JSON.readTree(dir.resolve("truth/summary.json").toFile()),
          closedBefore);

      FailureStageChecks.assertStagesMatchGroundTruth(data, intended);
      ExplainChecks.assertIncidentsExplained(
          stack.pinotBrokerUrl(), JSON.readTree(dir.resolve("truth/summary.json").toFile()));

      Map<String, List<Long>> totals = icebergTotals(data);
      assertThat(pinotTotals(stack)).isEqualTo(totals);

      // VSF of the run is several times the embedded SLO file's 1 % budget over all its windows:
      // the ticket fires at the first evaluation (one a minute) that sees the sessions in Pinot.
      JsonNode firing = awaitFiring(stack, START_SUCCESS_TICKET);

      stack.stop();
      stack.start();

      assertThat(icebergTotals(data)).isEqualTo(totals);
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(2))
          .ignoreExceptions()
          .untilAsserted(() -> assertThat(pinotTotals(stack)).isEqualTo(totals));
      // The restarted evaluator read the alert log before its first evaluation: still firing, since
      // the same start, and logged firing once.
      JsonNode afterRestart = QoeCommand.alerts(stack.kafkaBootstrap());
      assertThat(alert(afterRestart.path("firing"), START_SUCCESS_TICKET))
          .hasValueSatisfying(
              alert -> assertThat(alert.get("starts_at")).isEqualTo(firing.get("starts_at")));
      assertThat(afterRestart.path("transitions").findValuesAsText("alert_id"))
          .as("transitions of the alert log: %s", afterRestart)
          .containsOnlyOnce(START_SUCCESS_TICKET);
    }
  }

  /** Waits until {@code ./qoe alerts} lists {@code alertId} as firing; returns it. */
  private static JsonNode awaitFiring(EmbeddedStack stack, String alertId) {
    AtomicReference<JsonNode> found = new AtomicReference<>();
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(5))
        .until(
            () -> {
              alert(QoeCommand.alerts(stack.kafkaBootstrap()).path("firing"), alertId)
                  .ifPresent(found::set);
              return found.get() != null;
            });
    return found.get();
  }

  private static Optional<JsonNode> alert(JsonNode alerts, String alertId) {
    for (JsonNode alert : alerts) {
      if (alert.path("alert_id").asText().equals(alertId)) {
        return Optional.of(alert);
      }
    }
    return Optional.empty();
  }

  private static Map<String, JsonNode> groundTruth(Path file) throws Exception {
    Map<String, JsonNode> sessions = new TreeMap<>();
    for (String line : Files.readAllLines(file)) {
      JsonNode session = JSON.readTree(line);
      sessions.put(session.get("session_id").asText(), session);
    }
    return sessions;
  }

  /** Waits until the pipeline has closed and committed every simulated session. */
  private static Map<String, JsonNode> awaitIcebergSessions(Path data) {
    String query =
        "SELECT session_id, avg_bitrate_kbps, "
            + String.join(", ", COMPARED)
            + " FROM dwd.sessions";
    AtomicReference<Map<String, JsonNode>> rows = new AtomicReference<>(Map.of());
    await()
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofSeconds(5))
        .until(
            () -> {
              Map<String, JsonNode> byId = new TreeMap<>();
              for (JsonNode row : QoeCommand.sql(data, query)) {
                byId.put(row.get("session_id").asText(), row);
              }
              rows.set(byId);
              return byId.size() >= SESSIONS;
            });
    return rows.get();
  }

  private static void assertSameFacts(String sessionId, JsonNode stored, JsonNode intended) {
    for (String field : COMPARED) {
      assertThat(text(stored.get(field)))
          .as("%s of %s", field, sessionId)
          .isEqualTo(text(intended.get(field)));
    }
    JsonNode bitrate = intended.get("avg_bitrate_kbps");
    if (bitrate == null || bitrate.isNull()) {
      assertThat(text(stored.get("avg_bitrate_kbps")))
          .as("bitrate of %s", sessionId)
          .isEqualTo("null");
    } else {
      assertThat(stored.get("avg_bitrate_kbps").asDouble())
          .as("bitrate of %s", sessionId)
          .isCloseTo(bitrate.asDouble(), within(1e-6));
    }
  }

  private static String text(JsonNode value) {
    return value == null || value.isNull() ? "null" : value.asText();
  }

  private static JsonNode awaitDrill(EmbeddedStack stack, String... args) {
    AtomicReference<JsonNode> report = new AtomicReference<>();
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () -> {
              report.set(QoeCommand.drill(stack.pinotBrokerUrl(), args));
              return report.get().path("groups").size() > 0 && pinotSessionCount(stack) >= SESSIONS;
            });
    return report.get();
  }

  private static long pinotSessionCount(EmbeddedStack stack) {
    return new PinotBroker(stack.pinotBrokerUrl())
        .query("SELECT COUNT(*) FROM qoe_sessions")
        .singleLong();
  }

  /** Per CDN: sessions, play ms, rebuffer ms. */
  private static Map<String, List<Long>> icebergTotals(Path data) throws Exception {
    Map<String, List<Long>> totals = new TreeMap<>();
    for (JsonNode row : QoeCommand.sql(data, ICEBERG_TOTALS)) {
      totals.put(
          row.get("cdn").asText(),
          List.of(
              row.get("sessions").asLong(),
              row.get("play_ms").asLong(),
              row.get("rebuffer_ms").asLong()));
    }
    return totals;
  }

  private static Map<String, List<Long>> pinotTotals(EmbeddedStack stack) {
    ResultTable result = new PinotBroker(stack.pinotBrokerUrl()).query(PINOT_TOTALS);
    Map<String, List<Long>> totals = new TreeMap<>();
    for (List<JsonNode> row : result.rows()) {
      totals.put(
          result.value(row, "cdn").asText(),
          List.of(
              result.value(row, "session_count").asLong(),
              result.value(row, "play_total").asLong(),
              result.value(row, "rebuffer_total").asLong()));
    }
    return totals;
  }
}
