package dev.openqoe.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code qoe explain} against the simulator's ground truth: for each incident, asked about the
 * metric the incident raised most (its slice against the rest, in summary.json), one of the slices
 * it names is the incident's (by its dimensions, or the values that hold exactly its sessions: the
 * simulator's player versions each belong to one OS) and its verdict is the incident's stage;
 * {@code unknown} for an incident whose stage is the player, as nothing in the delivery chain
 * caused it.
 */
final class ExplainChecks {

  /** The metrics an incident is asked about, with their names in summary.json's figures. */
  private static final Map<String, String> METRICS =
      Map.of("vsf", "vsf_rate", "vpf", "vpf_rate", "rbr", "rbr");

  private ExplainChecks() {}

  static void assertIncidentsExplained(String broker, JsonNode summary) throws Exception {
    List<String> wrong = new ArrayList<>();
    for (JsonNode incident : summary.path("incidents")) {
      Map<String, String> scope = scope(incident.path("scope"));
      String stage = incident.at("/delivery_chain/stage").asText();
      String expected = stage.equals("player") ? "unknown" : stage;
      String metric = worstMetric(incident);
      JsonNode explanation =
          QoeCommand.explain(broker, "--metric", metric, "--since", "3h", "--slices", "3");
      JsonNode match = null;
      List<Map<String, String>> named = new ArrayList<>();
      for (JsonNode slice : explanation.path("slices")) {
        Map<String, String> values = named(slice);
        named.add(values);
        if (match == null
            && scope.entrySet().stream()
                .allMatch(entry -> entry.getValue().equals(values.get(entry.getKey())))) {
          match = slice;
        }
      }
      System.err.printf(
          "explain %s for %s (%d ms): %s%n",
          metric,
          incident.path("spec").asText(),
          explanation.path("elapsedMillis").asLong(),
          match == null
              ? "no slice " + scope + " among " + named
              : named(match)
                  + " "
                  + match.path("verdict").asText()
                  + ": "
                  + match.path("sentence").asText());
      if (match == null || !match.path("verdict").asText().equals(expected)) {
        wrong.add(
            incident.path("spec").asText()
                + ": expected "
                + scope
                + " "
                + expected
                + ", explain said "
                + explanation.path("slices"));
      }
    }
    assertThat(summary.path("incidents")).as("the run has incidents").isNotEmpty();
    assertThat(wrong).as("incidents explain got wrong").isEmpty();
  }

  /** A slice's dimension values and the values that hold exactly its sessions. */
  private static Map<String, String> named(JsonNode slice) {
    Map<String, String> named = new LinkedHashMap<>();
    for (String field : List.of("dimensions", "sameSessions")) {
      slice
          .path(field)
          .fields()
          .forEachRemaining(entry -> named.put(entry.getKey(), entry.getValue().asText()));
    }
    return named;
  }

  /**
   * The incident's scope in drill-down dimensions (a transcode incident's asset, not its
   * rendition).
   */
  private static Map<String, String> scope(JsonNode scope) {
    Map<String, String> dimensions = new LinkedHashMap<>();
    scope
        .fields()
        .forEachRemaining(
            entry -> {
              switch (entry.getKey()) {
                case "asset" -> dimensions.put("asset_id", entry.getValue().asText());
                case "rendition", "bitrate_kbps" -> {}
                default -> dimensions.put(entry.getKey(), entry.getValue().asText());
              }
            });
    return dimensions;
  }

  /** The metric whose value in the incident's sessions is the most times that in the rest. */
  private static String worstMetric(JsonNode incident) {
    return METRICS.entrySet().stream()
        .max(
            Comparator.comparingDouble(
                entry ->
                    incident.at("/slice/" + entry.getValue()).asDouble()
                        / Math.max(1e-6, incident.at("/rest/" + entry.getValue()).asDouble())))
        .orElseThrow()
        .getKey();
  }
}
