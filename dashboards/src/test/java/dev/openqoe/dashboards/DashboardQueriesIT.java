package dev.openqoe.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openqoe.pinot.GeneratedOpsHealth;
import dev.openqoe.pinot.GeneratedSloAlerts;
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
 * once per filter set to a single value. The delivery-chain dashboard's answers are checked against
 * the generated health, value by value.
 */
class DashboardQueriesIT {

  private static final Pattern RELATIVE_FROM = Pattern.compile("now-(\\d+)h");

  private final SharedPinot shared = SharedPinot.get();

  @Test
  void overviewPanelsAnswerAndItsAnnotationsAreTheAlertTransitionsOfItsTimeRange() {
    Map<String, ResultTable> answers = runAll(dashboard("qoe-overview.json"), Map.of());

    // The overview's 3 hours hold the fastly page's firing and resolution and the rebuffering
    // ticket's firing; the page that resolved 5 hours ago is outside.
    List<List<String>> expected = new ArrayList<>();
    for (ObjectNode alert : shared.sloAlerts()) {
      String id = alert.get("alert_id").asText();
      if (id.equals(GeneratedSloAlerts.OLD)) {
        continue;
      }
      String status = alert.get("status").asText();
      List<String> tags =
          new ArrayList<>(
              List.of(status, alert.get("severity").asText(), alert.get("slo").asText()));
      String slice = alert.get("slice").asText();
      if (!slice.isEmpty()) {
        tags.addAll(List.of(slice.split(",")));
      }
      expected.add(
          List.of(
              alert.get("event_at").asText(),
              status.toUpperCase(java.util.Locale.ROOT) + " " + id,
              GeneratedSloAlerts.summary(id, status),
              String.join(",", tags)));
    }
    assertThat(expected).hasSize(3);
    assertThat(rows(answers.get("SLO alerts"), "time", "title", "text", "tags"))
        .containsExactlyElementsOf(expected);
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

  @Test
  void deliveryChainPanelsShowTheGeneratedHealth() {
    Map<String, ResultTable> panels = runAll(dashboard("qoe-delivery-chain.json"), Map.of());
    long now = shared.generatedAt();
    long incidentMinute = GeneratedOpsHealth.minuteStart(now, 1);
    long quietMinute = GeneratedOpsHealth.minuteStart(now, 30);
    String failing = GeneratedOpsHealth.FAILING_EDGE;

    ResultTable errors = panels.get("CDN 5xx % by edge");
    assertThat(series(errors, "edge", failing, incidentMinute)).isEqualTo(0.2);
    assertThat(series(errors, "edge", failing, quietMinute)).isEqualTo(0.01);
    assertThat(series(errors, "edge", "LHR62-C2", incidentMinute)).isEqualTo(0.0);
    ResultTable slow = panels.get("CDN time-taken p95 by edge");
    assertThat(series(slow, "edge", failing, incidentMinute)).isEqualTo(2500.0);
    assertThat(series(slow, "edge", failing, quietMinute)).isEqualTo(300.0);

    // An hour of 100 requests a minute; FRA56-P1 failed 20 a minute for 10 minutes, 1 otherwise.
    assertThat(
            rows(
                panels.get("CDN edges, worst first"),
                "edge",
                "requests",
                "status_5xx_rate",
                "status_4xx_rate",
                "cache_miss_rate",
                "worst_time_taken_p95_ms"))
        .containsExactly(
            List.of(failing, "6000", rate(10 * 20 + 50, 6000), "0.02", "0.1", "2500"),
            List.of("AMS", "6000", rate(60, 6000), "0.02", "0.1", "200"),
            List.of("LHR62-C2", "6000", "0.0", "0.02", "0.1", "250"));

    ResultTable licences = panels.get("DRM license failures % by system and region");
    assertThat(series(licences, "slice", GeneratedOpsHealth.FAILING_DRM_SLICE, incidentMinute))
        .isEqualTo(11 / 50.0);
    assertThat(series(licences, "slice", GeneratedOpsHealth.FAILING_DRM_SLICE, quietMinute))
        .isEqualTo(1 / 50.0);
    assertThat(series(licences, "slice", "drm|fairplay|us-east-1", incidentMinute))
        .isEqualTo(1 / 50.0);
    ResultTable latency = panels.get("DRM license latency p95");
    assertThat(series(latency, "slice", "drm|fairplay|us-east-1", quietMinute)).isEqualTo(120.0);

    assertThat(
            rows(
                panels.get("Transcode and packaging jobs by rendition"),
                "content_id",
                "rendition",
                "failures",
                "events"))
        .containsExactly(
            List.of("asset-7", "1080p", "1", "3"), List.of("asset-3", "720p", "0", "3"));
  }

  /** The value of a time series panel for the series {@code column = name} at {@code time}. */
  private static double series(ResultTable result, String column, String name, long time) {
    return result.rows().stream()
        .filter(row -> result.value(row, column).asText().equals(name))
        .filter(row -> result.value(row, "time").asLong() == time)
        .map(row -> result.value(row, "value").asDouble())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " at " + time + " in " + result));
  }

  /** The rows of a table panel, the named columns as text (numbers without a trailing .0). */
  private static List<List<String>> rows(ResultTable result, String... columns) {
    List<List<String>> rows = new ArrayList<>();
    for (List<JsonNode> row : result.rows()) {
      List<String> values = new ArrayList<>();
      for (String column : columns) {
        JsonNode value = result.value(row, column);
        values.add(
            value.isNumber()
                    && value.asDouble() == Math.rint(value.asDouble())
                    && !column.endsWith("_rate")
                ? Long.toString(value.asLong())
                : value.asText());
      }
      rows.add(values);
    }
    return rows;
  }

  private static String rate(long part, long whole) {
    return Double.toString(part / (whole + 0.0));
  }

  private Map<String, ResultTable> runAll(
      Dashboards.Dashboard dashboard, Map<String, List<String>> variables) {
    long now = System.currentTimeMillis();
    Matcher from = RELATIVE_FROM.matcher(dashboard.json().path("time").path("from").asText());
    assertThat(from.matches()).as(dashboard.file() + " time.from is now-<n>h").isTrue();
    PanelQuery.Context context =
        new PanelQuery.Context(
            now - Duration.ofHours(Long.parseLong(from.group(1))).toMillis(), now, variables);
    Map<String, ResultTable> results = new LinkedHashMap<>();
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
        results.put(panel.path("title").asText(), result);
      }
    }
    for (JsonNode annotation : dashboard.annotations()) {
      JsonNode target = annotation.path("target");
      String what =
          dashboard.file()
              + " annotation '"
              + annotation.path("name").asText()
              + "' with "
              + variables;
      String sql =
          PanelQuery.render(
              target.path("pinotQlCode").asText(),
              target.path("tableName").asText(),
              target.path("timeColumnAlias").asText(null),
              null,
              context);
      ResultTable result = shared.broker().query(sql);
      assertThat(result.rows()).as(what + "\n" + sql).isNotEmpty();
      List<String> mapped = new ArrayList<>();
      annotation
          .path("mappings")
          .forEach(
              mapping -> {
                if (mapping.path("source").asText().equals("field")) {
                  mapped.add(mapping.path("value").asText());
                }
              });
      assertThat(result.columns()).as(what + ": the columns its mappings read").containsAll(mapped);
      results.put(annotation.path("name").asText(), result);
    }
    return results;
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
