package dev.openqoe.slo.evaluator;

import static dev.openqoe.slo.evaluator.AlertRecordsForTests.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openqoe.warehouse.QoeTables;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class AlertJsonTest {

  @Test
  void aRecordIsOneFlatObjectOfSnakeCaseColumns() throws Exception {
    AlertRecord resolved = AlertRecordsForTests.resolved("cdn=fastly", T0, T0 + 60_000);

    JsonNode json = AlertJson.JSON.readTree(AlertJson.write(resolved));

    List<String> columns = new ArrayList<>();
    json.fieldNames().forEachRemaining(columns::add);
    assertThat(columns)
        .containsExactly(
            "alert_id",
            "property_id",
            "slo",
            "sli",
            "severity",
            "slice",
            "status",
            "starts_at",
            "ends_at",
            "event_at",
            "objective",
            "error_ratio",
            "long_window_burn_rate",
            "short_window_burn_rate",
            "rule_burn_rate",
            "rule_long_window_minutes",
            "rule_short_window_minutes",
            "summary",
            "description",
            "explain",
            "dashboard_url");
    assertThat(json).allSatisfy(value -> assertThat(value.isContainerNode()).isFalse());
    assertThat(json.get("ends_at").asLong()).isEqualTo(T0 + 60_000);
    assertThat(AlertJson.read(json.toString())).isEqualTo(resolved);
  }

  @Test
  void theColumnsAreThoseOfDwsSloAlertsWhichThePipelineStoresThemIn() throws Exception {
    JsonNode json =
        AlertJson.JSON.readTree(AlertJson.write(AlertRecordsForTests.firing("cdn=fastly", T0)));

    List<String> columns = new ArrayList<>();
    json.fieldNames().forEachRemaining(columns::add);
    assertThat(columns)
        .containsExactlyElementsOf(
            QoeTables.DWS_SLO_ALERTS.schema().columns().stream()
                .map(Types.NestedField::name)
                .toList());
  }

  @Test
  void aFiringRecordHasANullEndAndReadsBack() throws Exception {
    AlertRecord firing = AlertRecordsForTests.firing("", T0);

    String json = AlertJson.write(firing);

    assertThat(AlertJson.JSON.readTree(json).get("ends_at").isNull()).isTrue();
    assertThat(AlertJson.read(json)).isEqualTo(firing);
  }

  @Test
  void refusesWhatIsNotAnAlertRecord() {
    assertThatThrownBy(() -> AlertJson.read("{\"alert_id\": \"x\"}"))
        .hasMessageContaining("not an alert record (no alert_id, property_id, slo, severity");
    assertThatThrownBy(() -> AlertJson.read("not json"))
        .hasMessageContaining("not an alert record");
    String pending =
        AlertJson.write(AlertRecordsForTests.firing("", T0)).replace("firing", "pending");
    assertThatThrownBy(() -> AlertJson.read(pending)).isInstanceOf(IllegalArgumentException.class);
    String continent = AlertJson.write(AlertRecordsForTests.firing("continent=EU", T0));
    assertThatThrownBy(() -> AlertJson.read(continent)).hasMessageContaining("not a slice");
  }
}
