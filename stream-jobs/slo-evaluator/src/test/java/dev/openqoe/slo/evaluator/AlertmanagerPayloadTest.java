package dev.openqoe.slo.evaluator;

import static dev.openqoe.slo.evaluator.AlertRecordsForTests.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertmanagerPayloadTest {

  @Test
  void everyFiringAlertEndsFourIntervalsAheadAndKeepsTheStartOfItsFiring() throws Exception {
    AlertRecord firing = AlertRecordsForTests.firing("cdn=fastly,country=BR", T0 - 600_000);
    EvaluationRound round = new EvaluationRound(T0, List.of(firing), List.of());

    JsonNode alerts =
        AlertJson.JSON.readTree(AlertmanagerPayload.json(round, Duration.ofMinutes(1)));

    assertThat(alerts).hasSize(1);
    JsonNode alert = alerts.get(0);
    assertThat(strings(alert.get("labels")))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "alertname", "QoeSloBurn",
                "property", "dev",
                "slo", "start-success",
                "sli", "start_success",
                "severity", "page",
                "cdn", "fastly",
                "country", "BR"));
    assertThat(strings(alert.get("annotations")))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "summary", firing.summary(),
                "description", firing.description(),
                "dashboard", "http://grafana/d/x?var-cdn=fastly",
                "explain", firing.explain()));
    assertThat(alert.get("startsAt").asText()).isEqualTo("2025-12-05T09:50:00Z");
    assertThat(alert.get("endsAt").asText()).isEqualTo("2025-12-05T10:04:00Z");
    assertThat(alert.get("generatorURL").asText()).isEqualTo(firing.dashboardUrl());
  }

  @Test
  void aResolutionIsPostedOnceEndingWhenItResolvedAndFiringTransitionsAreNotRepeated()
      throws Exception {
    AlertRecord started = AlertRecordsForTests.firing("cdn=akamai", T0);
    AlertRecord resolved = AlertRecordsForTests.resolved("", T0 - 3_600_000, T0);
    EvaluationRound round = new EvaluationRound(T0, List.of(started), List.of(started, resolved));

    JsonNode alerts =
        AlertJson.JSON.readTree(AlertmanagerPayload.json(round, Duration.ofSeconds(30)));

    assertThat(alerts).hasSize(2);
    assertThat(alerts.get(0).path("labels").path("cdn").asText()).isEqualTo("akamai");
    assertThat(alerts.get(0).get("endsAt").asText()).isEqualTo("2025-12-05T10:02:00Z");
    JsonNode resolution = alerts.get(1);
    assertThat(resolution.path("labels").has("cdn"))
        .as("the whole SLO has no slice label")
        .isFalse();
    assertThat(resolution.get("startsAt").asText()).isEqualTo("2025-12-05T09:00:00Z");
    assertThat(resolution.get("endsAt").asText()).isEqualTo("2025-12-05T10:00:00Z");
  }

  private static Map<String, String> strings(JsonNode object) {
    return AlertJson.JSON.convertValue(object, new TypeReference<Map<String, String>>() {});
  }
}
