package dev.openqoe.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PanelQueryTest {

  private final PanelQuery.Context context =
      new PanelQuery.Context(
          1_000, 2_000, Map.of("cdn", List.of("cdn-a", "cdn-b"), "asn", List.of("1", "2")));

  @Test
  void variablesAreFilledAsGrafanaFormatsThem() {
    assertThat(
            PanelQuery.substituteVariables(
                "cdn IN (${cdn:singlequote}) AND asn IN (${asn:csv}) AND x = '$cdn'", context))
        .isEqualTo("cdn IN ('cdn-a','cdn-b') AND asn IN (1,2) AND x = 'cdn-a,cdn-b'");
  }

  @Test
  void macrosExpandAsThePluginRendersThemForEpochMillisColumns() {
    assertThat(
            PanelQuery.render(
                "SELECT $__timeGroup(ended_at) AS $__timeAlias(), COUNT(*) AS $__metricAlias()"
                    + " FROM $__table() WHERE $__timeFilter(\"ended_at\")",
                "qoe_sessions",
                "time",
                "value",
                context))
        .isEqualTo(
            "SELECT  DATETIMECONVERT(\"ended_at\", '1:MILLISECONDS:EPOCH', '1:MILLISECONDS:EPOCH',"
                + " '1:MINUTES')  AS  \"time\" , COUNT(*) AS  \"value\"  FROM  \"qoe_sessions\" "
                + " WHERE  \"ended_at\" >= 1000 AND \"ended_at\" < 2000");
  }

  @Test
  void anUnknownMacroOrVariableFailsInsteadOfReachingPinot() {
    assertThatThrownBy(
            () -> PanelQuery.render("SELECT $__interval FROM t", "t", null, null, context))
        .hasMessageContaining("unsupported macro $__interval");
    assertThatThrownBy(() -> PanelQuery.substituteVariables("os IN (${os:csv})", context))
        .hasMessageContaining("no value for variable $os");
    assertThatThrownBy(
            () ->
                PanelQuery.render("SELECT 1 AS $__metricAlias() FROM t", "t", null, null, context))
        .hasMessageContaining("metricColumnAlias");
  }
}
