package dev.openqoe.slo.evaluator;

import dev.openqoe.slo.SloDefinition;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The dashboard link of an alert: the configured dashboard with Grafana's time range over the
 * deciding rule's long window and one {@code var-<dimension>} per slice value and {@code where}
 * filter, so the drill-down opens on the slice that burns.
 */
final class DashboardLink {

  private final String base;

  DashboardLink(String base) {
    this.base = base;
  }

  String of(AlertVerdict verdict) {
    SloDefinition slo = verdict.slo();
    StringJoiner query = new StringJoiner("&");
    query.add("from=now-" + Figures.window(verdict.rule().longWindow()));
    query.add("to=now");
    for (Map.Entry<String, List<String>> filter : slo.where().entrySet()) {
      filter.getValue().forEach(value -> query.add(variable(filter.getKey(), value)));
    }
    verdict.slice().values().forEach((dimension, value) -> query.add(variable(dimension, value)));
    return base + (base.contains("?") ? "&" : "?") + query;
  }

  private static String variable(String dimension, String value) {
    return "var-" + dimension + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
