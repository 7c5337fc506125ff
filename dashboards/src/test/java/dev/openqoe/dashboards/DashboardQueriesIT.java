package dev.openqoe.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openqoe.pinot.ResultTable;
import dev.openqoe.pinot.SharedPinot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every panel query of every dashboard, with its variables filled in as Grafana would, runs on the
 * shared Pinot loaded with generated sessions and returns the columns the panel reads, with rows.
 * The drill-down dashboard runs once per "Break down by" dimension with all filters at All, and
 * once per filter set to a single value.
 */
class DashboardQueriesIT {

  private static final Pattern RELATIVE_FROM = Pattern.compile("now-(\\d+)h");

  private final SharedPinot shared = SharedPinot.get();

  @Test
  void overviewPanelsAnswer() {
    runAll(dashboard("qoe-overview.json"), Map.of());
  }

  @Test
  void drillDownPanelsAnswerForEveryBreakdownAndEveryFilter() {
    Dashboards.Dashboard dashboard = dashboard("qoe-drilldown.json");
    Map<String, List<String>> all = new LinkedHashMap<>();
    List<String> breakdowns = new ArrayList<>();
    for (JsonNode variable : dashboard.variables()) {
      String name = variable.path("name").asText();
      if (variable.path("type").asText().equals("custom")) {
        breakdowns.addAll(List.of(variable.path("query").asText().split(",")));
      } else {
        List<String> values = distinctValues(variable.path("query"));
        assertThat(values).as("values of $" + name).isNotEmpty();
        all.put(name, values);
      }
    }
    assertThat(breakdowns).containsExactlyInAnyOrderElementsOf(all.keySet());
    for (String by : breakdowns) {
      Map<String, List<String>> variables = new LinkedHashMap<>(all);
      variables.put("by", List.of(by));
      runAll(dashboard, variables);
    }
    for (String filter : all.keySet()) {
      Map<String, List<String>> variables = new LinkedHashMap<>(all);
      variables.put("by", List.of(breakdowns.get(0)));
      variables.put(filter, List.of(all.get(filter).get(0)));
      runAll(dashboard, variables);
    }
  }

  @Test
  void sessionLookupPanelsAnswerForAGeneratedSession() {
    String sessionId = shared.rows().sessions().get(0).get("session_id").asText();
    runAll(dashboard("qoe-session.json"), Map.of("session_id", List.of(sessionId)));
  }

  private void runAll(Dashboards.Dashboard dashboard, Map<String, List<String>> variables) {
    long now = System.currentTimeMillis();
    Matcher from = RELATIVE_FROM.matcher(dashboard.json().path("time").path("from").asText());
    assertThat(from.matches()).as(dashboard.file() + " time.from is now-<n>h").isTrue();
    PanelQuery.Context context =
        new PanelQuery.Context(
            now - Duration.ofHours(Long.parseLong(from.group(1))).toMillis(), now, variables);
    for (JsonNode panel : dashboard.panels()) {
      for (JsonNode target : panel.path("targets")) {
        String what =
            dashboard.file()
                + " panel '"
                + panel.path("title").asText()
                + "' target "
                + target.path("refId").asText()
                + " with "
                + variables;
        String sql =
            PanelQuery.render(
                target.path("pinotQlCode").asText(),
                target.path("tableName").asText(),
                target.path("timeColumnAlias").asText(null),
                target.path("metricColumnAlias").asText(null),
                context);
        ResultTable result = shared.broker().query(sql);
        assertThat(result.rows()).as(what + "\n" + sql).isNotEmpty();
        assertThat(result.columns()).as(what).containsAll(expectedColumns(panel, target));
      }
    }
  }

  /**
   * What the panel reads: a time series its time and metric aliases (the plugin's contract), a
   * table the columns its field overrides name.
   */
  private static List<String> expectedColumns(JsonNode panel, JsonNode target) {
    List<String> columns = new ArrayList<>();
    if (target.path("displayType").asText().equals("TIMESERIES")) {
      columns.add(target.path("timeColumnAlias").asText());
      columns.add(target.path("metricColumnAlias").asText());
    }
    for (JsonNode override : panel.path("fieldConfig").path("overrides")) {
      if (override.path("matcher").path("id").asText().equals("byName")) {
        columns.add(override.path("matcher").path("options").asText());
      }
    }
    assertThat(columns)
        .as("panel '" + panel.path("title").asText() + "' names its columns")
        .isNotEmpty();
    return columns;
  }

  /** A DISTINCT_VALUES variable's options, as the plugin fetches them. */
  private List<String> distinctValues(JsonNode query) {
    JsonNode variableQuery = query.path("variableQuery");
    assertThat(variableQuery.path("variableType").asText()).isEqualTo("DISTINCT_VALUES");
    ResultTable values =
        shared
            .broker()
            .query(
                "SELECT DISTINCT "
                    + variableQuery.path("columnName").asText()
                    + " FROM "
                    + query.path("tableName").asText()
                    + " LIMIT 1000");
    return values.rows().stream().map(row -> row.get(0).asText()).sorted().toList();
  }

  private static Dashboards.Dashboard dashboard(String file) {
    return Dashboards.all().stream().filter(d -> d.file().equals(file)).findFirst().orElseThrow();
  }
}
