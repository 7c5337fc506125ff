package dev.openqoe.pinot.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openqoe.pinot.PinotBroker;
import dev.openqoe.pinot.PinotCli;
import dev.openqoe.pinot.SharedPinot;
import dev.openqoe.pinot.explain.Explain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Drill-downs on the shared Pinot agree with the same metrics computed here from the rows. */
class DrillIT {

  private static final Duration ALL = Duration.ofHours(3);

  private final SharedPinot shared = SharedPinot.get();
  private final Drill drill = new Drill(shared.broker(), Clock.systemUTC());

  @Test
  void vsfPerCdnIsFailuresOverAttempts() {
    DrillReport report = drill.run(request(DrillMetric.VSF, List.of("cdn"), Map.of()));

    Map<String, List<ObjectNode>> attempts =
        byDimension("cdn", row -> row.get("attempt").asBoolean());
    assertThat(report.groups()).hasSize(attempts.size());
    for (DrillReport.Row group : report.groups()) {
      List<ObjectNode> sessions = attempts.get(group.dimensions().get("cdn"));
      long failures = count(sessions, row -> "vsf".equals(row.get("startup_outcome").asText()));
      assertThat(group.sessions()).isEqualTo(sessions.size());
      assertThat(group.value()).isCloseTo((double) failures / sessions.size(), within(1e-12));
    }
    assertThat(report.sessions()).isEqualTo(attempts.values().stream().mapToInt(List::size).sum());
    assertThat(report.groups().stream().mapToDouble(DrillReport.Row::share).sum())
        .isCloseTo(1.0, within(1e-9));
    assertThat(report.groups())
        .isSortedAccordingTo((a, b) -> Double.compare(b.excess(), a.excess()));
  }

  @Test
  void rbrPerCountryIsRebufferTimeOverWatchTime() {
    DrillReport report = drill.run(request(DrillMetric.RBR, List.of("country"), Map.of()));

    for (DrillReport.Row group : report.groups()) {
      List<ObjectNode> sessions =
          byDimension("country", row -> true).get(group.dimensions().get("country"));
      double rebuffer = sum(sessions, "rebuffer_ms");
      assertThat(group.value())
          .isCloseTo(rebuffer / (rebuffer + sum(sessions, "play_ms")), within(1e-12));
    }
  }

  @Test
  void averageBitrateIsWeightedByPlayTimeAndFilteredByTheWhere() {
    DrillReport report =
        drill.run(
            request(
                DrillMetric.AVG_BITRATE, List.of("device_type"), Map.of("country", List.of("BR"))));

    Map<String, List<ObjectNode>> known =
        byDimension(
            "device_type",
            row ->
                !row.get("avg_bitrate_kbps").isNull() && "BR".equals(row.get("country").asText()));
    assertThat(report.groups()).hasSize(known.size());
    for (DrillReport.Row group : report.groups()) {
      List<ObjectNode> sessions = known.get(group.dimensions().get("device_type"));
      double weighted =
          sessions.stream()
              .mapToDouble(r -> r.get("avg_bitrate_kbps").asDouble() * r.get("play_ms").asLong())
              .sum();
      assertThat(group.value()).isCloseTo(weighted / sum(sessions, "play_ms"), within(1e-6));
    }
  }

  @Test
  void startupP95IsAStartupTimeAtTheNinetyFifthPercentile() {
    DrillReport report = drill.run(request(DrillMetric.VST_P95, List.of("cdn"), Map.of()));

    for (DrillReport.Row group : report.groups()) {
      List<Long> times =
          byDimension(
                  "cdn",
                  row ->
                      "started".equals(row.get("startup_outcome").asText())
                          && !row.get("vst_ms").isNull())
              .get(group.dimensions().get("cdn"))
              .stream()
              .map(row -> row.get("vst_ms").asLong())
              .sorted()
              .toList();
      // Nearest rank, or the next one: Pinot 0.11 rounds the rank down, not up.
      int rank = (int) Math.ceil(0.95 * times.size());
      assertThat(group.sessions()).isEqualTo(times.size());
      assertThat(group.value())
          .isBetween(
              (double) times.get(rank - 1), (double) times.get(Math.min(rank, times.size() - 1)));
    }
  }

  @Test
  void theHttpApiServesTheReportAsJsonAndExplainsBadRequests() throws Exception {
    try (Explain explain = new Explain(shared.broker(), Clock.systemUTC());
        DrillApi api = DrillApi.start("127.0.0.1", 0, drill, explain)) {
      String base = "http://127.0.0.1:" + api.port() + "/drill";
      HttpResponse<String> ok =
          get(base + "?metric=vpf&by=os,cdn&where=country%3DUS&since=3h&limit=3");
      assertThat(ok.statusCode()).isEqualTo(200);
      JsonNode json = new ObjectMapper().readTree(ok.body());
      assertThat(json.get("metric").asText()).isEqualTo("vpf");
      assertThat(json.get("where").get("country").get(0).asText()).isEqualTo("US");
      assertThat(json.get("groups")).hasSize(3);
      assertThat(json.get("groups").get(0).get("dimensions").fieldNames())
          .toIterable()
          .containsExactly("os", "cdn");
      assertThat(json.get("groups").get(0).has("share")).isTrue();

      HttpResponse<String> bad = get(base + "?metric=vsf&by=city");
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).contains("unknown dimension 'city'", "device_type");

      try (DrillApi down =
          DrillApi.start(
              "127.0.0.1",
              0,
              new Drill(new PinotBroker("http://127.0.0.1:1"), Clock.systemUTC()),
              explain)) {
        HttpResponse<String> unreachable =
            get("http://127.0.0.1:" + down.port() + "/drill?metric=vsf&by=cdn");
        assertThat(unreachable.statusCode()).isEqualTo(502);
        assertThat(unreachable.body()).contains("http://127.0.0.1:1");
      }
    }
  }

  @Test
  void theCommandPrintsTheRankedTableAndExitsTwoOnAnUnknownMetric() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli =
        PinotCli.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    String broker = shared.pinot().brokerUrl();

    int exit =
        cli.execute(
            "drill", "--broker", broker, "--metric", "ebvs", "--by", "cdn", "--since", "3h");
    assertThat(exit).isZero();
    assertThat(out.toString()).contains("ebvs", "cdn-a", "cdn-b", "cdn-c", "excess share");

    exit = cli.execute("drill", "--broker", broker, "--metric", "startup", "--by", "cdn");
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .contains("unknown metric 'startup'; valid metrics: vsf, ebvs, vpf, rbr, vst_p95");
  }

  private static DrillRequest request(
      DrillMetric metric, List<String> by, Map<String, List<String>> where) {
    return new DrillRequest(metric, by, where, ALL, 1_000);
  }

  private Map<String, List<ObjectNode>> byDimension(String dimension, Predicate<ObjectNode> keep) {
    return shared.rows().sessions().stream()
        .filter(keep)
        .collect(
            Collectors.groupingBy(
                row -> row.get(dimension).asText(), TreeMap::new, Collectors.toList()));
  }

  private static long count(List<ObjectNode> rows, Predicate<ObjectNode> condition) {
    return rows.stream().filter(condition).count();
  }

  private static double sum(List<ObjectNode> rows, String column) {
    return rows.stream().mapToDouble(row -> row.get(column).asDouble()).sum();
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
