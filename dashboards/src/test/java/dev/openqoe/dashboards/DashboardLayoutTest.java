package dev.openqoe.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What Grafana would accept but show wrong: clashing ids, overlapping panels, dangling names. */
class DashboardLayoutTest {

  private static final Pattern VARIABLE_USE =
      Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?::[a-z]+)?}|\\$([A-Za-z0-9_]+)");

  private final List<Dashboards.Dashboard> dashboards = Dashboards.all();

  @Test
  void theThreeDashboardsAreThereWithUniqueUids() {
    assertThat(dashboards)
        .extracting(Dashboards.Dashboard::file)
        .containsExactly(
            "qoe-delivery-chain.json",
            "qoe-drilldown.json",
            "qoe-overview.json",
            "qoe-session.json");
    assertThat(dashboards.stream().map(d -> d.json().path("uid").asText()).distinct()).hasSize(4);
  }

  @Test
  void panelIdsAreUniquePerDashboard() {
    for (Dashboards.Dashboard dashboard : dashboards) {
      List<Integer> ids = dashboard.panels().stream().map(p -> p.path("id").asInt()).toList();
      assertThat(new HashSet<>(ids)).as(dashboard.file()).hasSameSizeAs(ids);
      assertThat(ids).as(dashboard.file()).allMatch(id -> id > 0);
    }
  }

  @Test
  void panelsFitTheGridAndDoNotOverlap() {
    for (Dashboards.Dashboard dashboard : dashboards) {
      List<JsonNode> panels = dashboard.panels();
      for (JsonNode panel : panels) {
        JsonNode pos = panel.path("gridPos");
        assertThat(pos.path("w").asInt()).as(title(dashboard, panel)).isPositive();
        assertThat(pos.path("h").asInt()).as(title(dashboard, panel)).isPositive();
        assertThat(pos.path("x").asInt() + pos.path("w").asInt())
            .as(title(dashboard, panel))
            .isLessThanOrEqualTo(24);
      }
      for (int i = 0; i < panels.size(); i++) {
        for (int j = i + 1; j < panels.size(); j++) {
          assertThat(overlap(panels.get(i).path("gridPos"), panels.get(j).path("gridPos")))
              .as(title(dashboard, panels.get(i)) + " overlaps " + title(dashboard, panels.get(j)))
              .isFalse();
        }
      }
    }
  }

  @Test
  void everyVariableAQueryOrTitleUsesIsDefined() {
    for (Dashboards.Dashboard dashboard : dashboards) {
      Set<String> defined = new HashSet<>();
      dashboard.variables().forEach(v -> defined.add(v.path("name").asText()));
      for (JsonNode panel : dashboard.panels()) {
        List<String> texts = new ArrayList<>();
        texts.add(panel.path("title").asText());
        panel.path("targets").forEach(t -> texts.add(t.path("pinotQlCode").asText()));
        panel.path("targets").forEach(t -> texts.add(t.path("legend").asText()));
        assertDefined(defined, texts, title(dashboard, panel));
      }
      for (JsonNode annotation : dashboard.annotations()) {
        assertDefined(
            defined,
            List.of(annotation.path("target").path("pinotQlCode").asText()),
            dashboard.file() + " annotation '" + annotation.path("name").asText() + "'");
      }
    }
  }

  @Test
  void everyPanelTargetAndVariableUsesTheProvisionedDataSource() {
    JsonNode datasource = Dashboards.datasource();
    assertThat(datasource.path("type").asText()).isEqualTo(Dashboards.PLUGIN_ID);
    String uid = datasource.path("uid").asText();
    for (Dashboards.Dashboard dashboard : dashboards) {
      for (JsonNode panel : dashboard.panels()) {
        assertThat(panel.path("datasource").path("uid").asText())
            .as(title(dashboard, panel))
            .isEqualTo(uid);
        assertThat(panel.path("targets")).as(title(dashboard, panel)).isNotEmpty();
        for (JsonNode target : panel.path("targets")) {
          assertThat(target.path("datasource").path("uid").asText()).isEqualTo(uid);
          assertThat(target.path("datasource").path("type").asText())
              .isEqualTo(Dashboards.PLUGIN_ID);
        }
      }
      for (JsonNode variable : dashboard.variables()) {
        if (variable.path("type").asText().equals("query")) {
          assertThat(variable.path("datasource").path("uid").asText()).isEqualTo(uid);
        }
      }
      for (JsonNode annotation : dashboard.annotations()) {
        for (JsonNode source :
            List.of(annotation.path("datasource"), annotation.path("target").path("datasource"))) {
          assertThat(source.path("uid").asText())
              .as(annotation.path("name").asText())
              .isEqualTo(uid);
          assertThat(source.path("type").asText()).isEqualTo(Dashboards.PLUGIN_ID);
        }
      }
    }
  }

  /**
   * The plugin answers an annotation query in code mode with a table whose time alias column is
   * converted to time; Grafana's mappings then take each annotation's fields from named columns.
   */
  @Test
  void annotationsAreCodeQueriesWhoseColumnsTheMappingsName() {
    for (Dashboards.Dashboard dashboard : dashboards) {
      for (JsonNode annotation : dashboard.annotations()) {
        String name = dashboard.file() + " annotation '" + annotation.path("name").asText() + "'";
        JsonNode target = annotation.path("target");
        assertThat(target.path("queryType").asText()).as(name).isEqualTo("PinotQL");
        assertThat(target.path("editorMode").asText()).as(name).isEqualTo("Code");
        assertThat(target.path("displayType").asText()).as(name).isEqualTo("ANNOTATIONS");
        assertThat(target.path("tableName").asText()).as(name).isNotBlank();
        JsonNode mappings = annotation.path("mappings");
        assertThat(mappings.path("time").path("value").asText())
            .as(name + ": the time mapping reads the column the plugin makes time of")
            .isEqualTo(target.path("timeColumnAlias").asText());
        for (String field : List.of("time", "text", "tags")) {
          assertThat(mappings.path(field).path("source").asText())
              .as(name + " maps " + field + " from a column")
              .isEqualTo("field");
        }
      }
    }
  }

  @Test
  void theOverviewShowsSloAlertTransitions() {
    Dashboards.Dashboard overview =
        dashboards.stream()
            .filter(d -> d.file().equals("qoe-overview.json"))
            .findFirst()
            .orElseThrow();
    assertThat(overview.annotations())
        .extracting(a -> a.path("target").path("tableName").asText())
        .containsExactly("qoe_slo_alerts");
    assertThat(overview.annotations().get(0).path("enable").asBoolean()).isTrue();
  }

  private static void assertDefined(Set<String> defined, List<String> texts, String where) {
    for (String text : texts) {
      Matcher use = VARIABLE_USE.matcher(text);
      while (use.find()) {
        String name = use.group(1) != null ? use.group(1) : use.group(2);
        if (!name.startsWith("__")) {
          assertThat(defined).as(where + " uses $" + name).contains(name);
        }
      }
    }
  }

  @Test
  void theDashboardProviderLoadsFilesFromOneFolder() {
    JsonNode provider = Dashboards.yaml(Dashboards.PROVIDER).path("providers").get(0);
    assertThat(provider.path("type").asText()).isEqualTo("file");
    assertThat(provider.path("options").path("path").asText()).isNotBlank();
  }

  private static boolean overlap(JsonNode a, JsonNode b) {
    return a.path("x").asInt() < b.path("x").asInt() + b.path("w").asInt()
        && b.path("x").asInt() < a.path("x").asInt() + a.path("w").asInt()
        && a.path("y").asInt() < b.path("y").asInt() + b.path("h").asInt()
        && b.path("y").asInt() < a.path("y").asInt() + a.path("h").asInt();
  }

  private static String title(Dashboards.Dashboard dashboard, JsonNode panel) {
    return dashboard.file()
        + " panel "
        + panel.path("id")
        + " '"
        + panel.path("title").asText()
        + "'";
  }
}
