package dev.openqoe.pinot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class PinotTablesIT {

  private final SharedPinot shared = SharedPinot.get();

  @Test
  void everyGeneratedRowFromTheTopicsIsQueryable() {
    assertThat(shared.count(PinotTable.SESSIONS)).isEqualTo(shared.rows().sessions().size());
    assertThat(shared.count(PinotTable.INTERVALS)).isEqualTo(shared.rows().intervals().size());
    assertThat(shared.count(PinotTable.OPS_HEALTH)).isEqualTo(shared.opsHealth().size());
    assertThat(shared.count(PinotTable.SLO_ALERTS)).isEqualTo(shared.sloAlerts().size());
  }

  @Test
  void aSessionRowKeepsItsValuesAndUnknownsBecomeMinusOne() {
    ObjectNode expected =
        shared.rows().sessions().stream()
            .filter(row -> row.get("vst_ms").isNull() && row.get("avg_bitrate_kbps").isNull())
            .findFirst()
            .orElseThrow();
    ResultTable result =
        shared
            .broker()
            .query(
                "SELECT play_ms, rebuffer_ms, startup_outcome, vst_ms, avg_bitrate_kbps, attempt,"
                    + " country, asn, ended_at FROM qoe_sessions WHERE session_id = '"
                    + expected.get("session_id").asText()
                    + "'");
    assertThat(result.rows()).hasSize(1);
    List<JsonNode> row = result.rows().get(0);
    assertThat(result.value(row, "play_ms").asLong()).isEqualTo(expected.get("play_ms").asLong());
    assertThat(result.value(row, "rebuffer_ms").asLong())
        .isEqualTo(expected.get("rebuffer_ms").asLong());
    assertThat(result.value(row, "startup_outcome").asText())
        .isEqualTo(expected.get("startup_outcome").asText("null"));
    assertThat(result.value(row, "vst_ms").asLong()).isEqualTo(-1);
    assertThat(result.value(row, "avg_bitrate_kbps").asDouble()).isEqualTo(-1.0);
    assertThat(result.value(row, "attempt").asInt())
        .isEqualTo(expected.get("attempt").asBoolean() ? 1 : 0);
    assertThat(result.value(row, "country").asText()).isEqualTo(expected.get("country").asText());
    assertThat(result.value(row, "asn").asLong()).isEqualTo(expected.get("asn").asLong());
    assertThat(result.value(row, "ended_at").asLong()).isEqualTo(expected.get("ended_at").asLong());
  }

  @Test
  void aHealthRowKeepsItsFiguresAndMissingPercentilesBecomeMinusOne() {
    long incidentStart =
        GeneratedOpsHealth.minuteStart(shared.generatedAt(), GeneratedOpsHealth.INCIDENT_MINUTES);
    ResultTable incident =
        shared
            .broker()
            .query(
                "SELECT SUM(status_5xx) AS failed, SUM(requests) AS requests,"
                    + " MAX(time_taken_p95_ms) AS p95 FROM qoe_ops_health WHERE edge = '"
                    + GeneratedOpsHealth.FAILING_EDGE
                    + "' AND window_start >= "
                    + incidentStart);
    List<JsonNode> row = incident.rows().get(0);
    assertThat(incident.value(row, "failed").asLong()).isEqualTo(20L * 10);
    assertThat(incident.value(row, "requests").asLong()).isEqualTo(100L * 10);
    assertThat(incident.value(row, "p95").asLong()).isEqualTo(2500);
    assertThat(
            shared
                .broker()
                .query("SELECT MAX(time_taken_p95_ms) FROM qoe_ops_health WHERE source = 'drm'")
                .singleLong())
        .isEqualTo(-1);
  }

  @Test
  void anAlertTransitionKeepsItsFiguresAndAFiringOneHasNoEnd() {
    ResultTable result =
        shared
            .broker()
            .query(
                "SELECT status, slice, starts_at, ends_at, event_at, rule_burn_rate,"
                    + " rule_long_window_minutes, summary FROM qoe_slo_alerts WHERE alert_id = '"
                    + GeneratedSloAlerts.FASTLY
                    + "' ORDER BY event_at");
    List<ObjectNode> expected =
        shared.sloAlerts().stream()
            .filter(row -> GeneratedSloAlerts.key(row).equals(GeneratedSloAlerts.FASTLY))
            .toList();
    assertThat(result.rows()).hasSize(2);
    List<JsonNode> firing = result.rows().get(0);
    assertThat(result.value(firing, "status").asText()).isEqualTo("firing");
    assertThat(result.value(firing, "slice").asText()).isEqualTo("cdn=fastly");
    assertThat(result.value(firing, "ends_at").asLong()).as("no end yet").isEqualTo(-1);
    assertThat(result.value(firing, "rule_burn_rate").asDouble()).isEqualTo(14.4);
    assertThat(result.value(firing, "rule_long_window_minutes").asLong()).isEqualTo(60);
    List<JsonNode> resolved = result.rows().get(1);
    assertThat(result.value(resolved, "starts_at").asLong())
        .isEqualTo(expected.get(1).get("starts_at").asLong());
    assertThat(result.value(resolved, "ends_at").asLong())
        .isEqualTo(expected.get(1).get("ends_at").asLong());
    assertThat(result.value(resolved, "event_at").asLong())
        .isEqualTo(expected.get(1).get("event_at").asLong());
    assertThat(result.value(resolved, "summary").asText())
        .isEqualTo(GeneratedSloAlerts.summary(GeneratedSloAlerts.FASTLY, "resolved"));
  }

  @Test
  void onlyTheNewestRevisionOfASessionsDeliveryRecordIsQueried() {
    String session = "delivery-" + System.nanoTime();
    ObjectNode first = deliveryRecord(session, 1, 1_000_000L, "player", 0);
    ObjectNode second = deliveryRecord(session, 2, 1_005_000L, "cdn", 3);
    shared.produce("qoe.session-delivery.v1", List.of(first, second));

    String sql =
        "SELECT revision, failure_stage, cdn_5xx, cdn_worst_ttfb_ms FROM qoe_session_delivery"
            + " WHERE session_id = '"
            + session
            + "'";
    Awaitility.await("the newest revision in Pinot")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                shared.broker().query(sql).rows().size() == 1
                    && shared.broker().query(sql).rows().get(0).get(0).asInt() == 2);
    ResultTable result = shared.broker().query(sql);
    List<JsonNode> row = result.rows().get(0);
    assertThat(result.value(row, "failure_stage").asText()).isEqualTo("cdn");
    assertThat(result.value(row, "cdn_5xx").asInt()).isEqualTo(3);
    assertThat(result.value(row, "cdn_worst_ttfb_ms").asLong()).as("unknown ttfb").isEqualTo(-1);
  }

  private static ObjectNode deliveryRecord(
      String session, int revision, long updatedAt, String stage, int status5xx) {
    ObjectNode row = PinotHttp.JSON.createObjectNode();
    row.put("session_id", session)
        .put("property_id", "dev")
        .put("ended_at", 999_000L)
        .put("revision", revision)
        .put("updated_at", updatedAt)
        .put("failed", true)
        .put("failure_stage", stage)
        .put("failure_linked", true)
        .put("fatal_error_code", "PLAYBACK_STALLED_FATAL")
        .put("cdn_requests", 12)
        .put("cdn_4xx", 0)
        .put("cdn_5xx", status5xx)
        .put("cdn_cache_misses", 1)
        .putNull("cdn_worst_ttfb_ms")
        .put("license_requests", 0);
    return row;
  }

  @Test
  void installingAgainUpdatesInPlaceAndKeepsConsuming() {
    List<String> again =
        new PinotTables(shared.pinot().controllerUrl()).install(shared.kafka().bootstrapServers());
    assertThat(again)
        .containsExactly(
            "qoe_sessions: updated",
            "qoe_intervals: updated",
            "qoe_ops_health: updated",
            "qoe_session_delivery: updated",
            "qoe_slo_alerts: updated");

    ObjectNode late = shared.rows().intervals().get(0).deepCopy();
    late.put("session_id", "late-" + System.nanoTime());
    shared.produce("qoe.intervals.v1", List.of(late));
    Awaitility.await("a new interval row in Pinot")
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                shared
                        .broker()
                        .query(
                            "SELECT COUNT(*) FROM qoe_intervals WHERE session_id = '"
                                + late.get("session_id").asText()
                                + "'")
                        .singleLong()
                    == 1);
  }

  @Test
  void aQueryPinotCannotRunFailsWithPinotsReason() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> shared.broker().query("SELECT no_such_column FROM qoe_sessions"))
        .isInstanceOf(PinotException.class)
        .hasMessageContaining("could not run the query")
        .hasMessageContaining("no_such_column");
  }

  @Test
  void anUnreachableControllerIsNamedInTheError() {
    PinotTables nowhere = new PinotTables("http://127.0.0.1:1");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> nowhere.install(shared.kafka().bootstrapServers()))
        .isInstanceOf(PinotException.class)
        .hasMessageContaining("http://127.0.0.1:1/schemas");
  }
}
