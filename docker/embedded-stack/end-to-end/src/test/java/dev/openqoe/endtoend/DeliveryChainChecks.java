package dev.openqoe.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openqoe.pinot.PinotBroker;
import dev.openqoe.pinot.ResultTable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The delivery chain's side of an end-to-end run: the simulator's CDN logs, licence requests and
 * job events went through the collector, the Kafka Streams normaliser and the pipeline into {@code
 * dwd.ops_events}, {@code dws.ops_minute} and Pinot's {@code qoe_ops_health}, and each incident of
 * the ground truth shows there, in its slices and window.
 */
final class DeliveryChainChecks {

  /** Failures per slice: CDN 5xx, licences denied or failed, jobs in error. */
  private static final String DWD_FAILURES =
      "SELECT slice, COUNT(*) AS failures FROM dwd.ops_events"
          + " WHERE (status_code >= 500 OR outcome IN ('denied', 'error') OR job_status = 'error')"
          + " AND event_time < TO_TIMESTAMP_LTZ(%d, 3) GROUP BY slice";

  private static final String DWS_FAILURES =
      "SELECT slice, SUM(status_5xx) + SUM(license_denials) + SUM(license_errors)"
          + " + SUM(job_failures) AS failures, MIN(CASE WHEN status_5xx + license_denials"
          + " + license_errors + job_failures > 0 THEN window_start END) AS first_failure_minute"
          + " FROM dws.ops_minute"
          + " WHERE window_start < TO_TIMESTAMP_LTZ(%d, 3) GROUP BY slice";

  private static final String PINOT_FAILURES =
      "SELECT slice, SUM(status_5xx) + SUM(license_denials) + SUM(license_errors)"
          + " + SUM(job_failures) AS failures FROM qoe_ops_health WHERE window_start < %d"
          + " GROUP BY slice LIMIT 100000";

  private static final long YEAR_2100 = 4_102_444_800_000L;

  private DeliveryChainChecks() {}

  /** Waits until dwd.ops_events holds all three sources; returns the events per source. */
  static Map<String, Long> awaitAllSources(Path data) {
    Map<String, Long> bySource = new TreeMap<>();
    await("dwd.ops_events holds cdn, drm and transcode events")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(5))
        .until(
            () -> {
              bySource.clear();
              for (JsonNode row :
                  QoeCommand.sql(
                      data,
                      "SELECT source, COUNT(*) AS events FROM dwd.ops_events GROUP BY source")) {
                bySource.put(row.get("source").asText(), row.get("events").asLong());
              }
              return bySource.keySet().equals(Set.of("cdn", "drm", "transcode"));
            });
    return bySource;
  }

  /**
   * Per incident of {@code summary} with a delivery-chain stage: the failures the ground truth
   * lists are in dwd.ops_events at its slices, and no failure is anywhere else; the health minutes
   * (warehouse and Pinot alike) count exactly the events before {@code closedBefore}, a minute by
   * which every health window has closed, and show them only in the incident's slices and window.
   */
  static void assertIncidentsShow(
      Path data, String pinotBrokerUrl, JsonNode summary, long closedBefore) throws Exception {
    Map<String, JsonNode> incidentBySlice = new TreeMap<>();
    long expectedFailures = 0;
    for (JsonNode incident : summary.get("incidents")) {
      JsonNode chain = incident.get("delivery_chain");
      String stage = chain.get("stage").asText();
      if (stage.equals("player")) {
        continue;
      }
      assertThat(chain.get("slices")).as("slices of %s", incident.get("spec")).isNotEmpty();
      chain.get("slices").forEach(slice -> incidentBySlice.put(slice.asText(), chain));
      expectedFailures +=
          switch (stage) {
            case "cdn" -> chain.get("status_5xx").asLong();
            case "drm" ->
                chain.get("license_denied").asLong() + chain.get("license_error").asLong();
            case "transcode" -> chain.get("failed_job_ids").size();
            default -> throw new AssertionError("unknown stage " + stage);
          };
    }
    assertThat(expectedFailures).as("failures the incidents caused").isPositive();

    Map<String, Long> dwdAll = failures(QoeCommand.sql(data, DWD_FAILURES.formatted(YEAR_2100)));
    assertThat(incidentBySlice.keySet())
        .as("failures happen at the incidents' slices only")
        .containsAll(dwdAll.keySet());
    assertThat(dwdAll.values().stream().mapToLong(Long::longValue).sum())
        .as("every failure of the ground truth is in dwd.ops_events: %s", dwdAll)
        .isEqualTo(expectedFailures);

    Map<String, Long> dwdClosed =
        failures(QoeCommand.sql(data, DWD_FAILURES.formatted(closedBefore)));
    List<JsonNode> minutes = QoeCommand.sql(data, DWS_FAILURES.formatted(closedBefore));
    Map<String, Long> dws = failures(minutes);
    dws.values().removeIf(count -> count == 0);
    assertThat(dws)
        .as("dws.ops_minute counts every failure it holds minutes for")
        .isEqualTo(dwdClosed);
    for (JsonNode slice : minutes) {
      JsonNode incident = incidentBySlice.get(slice.get("slice").asText());
      if (slice.get("failures").asLong() > 0) {
        JsonNode window = incident.get("window");
        assertThat(epochMillis(slice.get("first_failure_minute")))
            .as("failures of %s start in the incident's window", slice.get("slice"))
            .isGreaterThanOrEqualTo(window.get("start_ts").asLong() / 60_000 * 60_000);
      }
    }

    ResultTable pinot =
        new PinotBroker(pinotBrokerUrl).query(PINOT_FAILURES.formatted(closedBefore));
    Map<String, Long> pinotFailures = new TreeMap<>();
    for (List<JsonNode> row : pinot.rows()) {
      long count = pinot.value(row, "failures").asLong();
      if (count > 0) {
        pinotFailures.put(pinot.value(row, "slice").asText(), count);
      }
    }
    assertThat(pinotFailures)
        .as("Pinot's qoe_ops_health agrees with dws.ops_minute")
        .isEqualTo(dws);
  }

  private static Map<String, Long> failures(List<JsonNode> rows) {
    Map<String, Long> bySlice = new TreeMap<>();
    rows.forEach(row -> bySlice.put(row.get("slice").asText(), row.get("failures").asLong()));
    return bySlice;
  }

  /** A timestamp of ./qoe sql's JSON, "2026-12-05 10:00:00Z" or epoch milliseconds. */
  private static long epochMillis(JsonNode value) {
    if (value.isNumber()) {
      return value.asLong();
    }
    return java.time.OffsetDateTime.parse(value.asText().replace(' ', 'T').replace("Z", "+00:00"))
        .toInstant()
        .toEpochMilli();
  }
}
