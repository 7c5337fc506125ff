package dev.openqoe.pinot.explain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openqoe.pinot.PinotCli;
import dev.openqoe.pinot.SharedPinot;
import dev.openqoe.pinot.drill.Drill;
import dev.openqoe.pinot.drill.DrillApi;
import dev.openqoe.pinot.drill.DrillMetric;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code qoe explain} on the shared Pinot over {@link ExplainScenario}'s hour, asked as of the
 * scenario's end: three simultaneous troubles, each named with its slice and stage, and the player
 * bug not blamed on the DRM outage that runs beside it.
 */
class ExplainIT {

  private static final SharedPinot shared = SharedPinot.get();
  private static ExplainScenario scenario;
  private static Explain explain;

  @BeforeAll
  static void loadTheScenario() {
    scenario = ExplainScenario.loadInto(shared);
    explain = new Explain(shared.broker(), scenario.clock());
  }

  @AfterAll
  static void close() {
    explain.close();
  }

  private static ExplainRequest question(DrillMetric metric) {
    return new ExplainRequest(
        metric,
        Map.of("property_id", List.of("explain")),
        Duration.ofMinutes(30),
        3,
        BaselineChoice.AUTO);
  }

  private static Explanation.SliceExplanation slice(
      Explanation explanation, Map<String, String> dimensions) {
    return explanation.slices().stream()
        .filter(slice -> slice.dimensions().equals(dimensions))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no slice " + dimensions + " in " + explanation.slices()));
  }

  @Test
  void startFailuresAreExplainedSliceBySliceAndThePlayerBugIsNotBlamedOnTheDrm() {
    Explanation explanation = explain.run(question(DrillMetric.VSF));
    StringWriter text = new StringWriter();
    ExplainText.print(explanation, DrillMetric.VSF, new PrintWriter(text));
    System.out.print(text);

    assertThat(explanation.baseline().kind()).isEqualTo("previous-window");
    assertThat(explanation.baseline().reason()).contains("Pinot holds 0 of the metric's sessions");
    assertThat(explanation.baseline().value()).isBetween(0.01, 0.03);
    assertThat(explanation.baseline().sessions()).isEqualTo(ExplainScenario.SESSIONS_PER_HALF_HOUR);
    assertThat(explanation.value()).isGreaterThan(0.15);

    Explanation.SliceExplanation widevine = slice(explanation, Map.of("drm_system", "widevine"));
    assertThat(widevine.verdict()).isEqualTo("drm");
    assertThat(widevine.stages().get(0).explained()).isGreaterThan(0.9);
    assertThat(widevine.sentence())
        .contains("a license request denied or failed, or their failure's stage is DRM")
        .contains("widevine (30.0 % licenses denied or failed of 30000");
    assertThat(widevine.baselineValue()).isLessThan(0.05);

    Explanation.SliceExplanation buggy = slice(explanation, Map.of("player_version", "1.4.1"));
    assertThat(buggy.verdict()).isEqualTo("unknown");
    assertThat(buggy.stages())
        .allSatisfy(stage -> assertThat(stage.explained()).isLessThan(StageRanking.MIN_EXPLAINED));
    assertThat(buggy.sentence()).contains("carry the player's own error codes");
    assertThat(explanation.slices().get(0).dimensions())
        .isEqualTo(Map.of("drm_system", "widevine"));
  }

  @Test
  void stallsOnTheFailingCdnAreTheCdns() {
    Explanation explanation = explain.run(question(DrillMetric.RBR));

    Explanation.SliceExplanation fastly = explanation.slices().get(0);
    assertThat(fastly.dimensions()).isEqualTo(Map.of("cdn", "fastly"));
    assertThat(fastly.verdict()).isEqualTo("cdn");
    assertThat(fastly.sentence())
        .contains("5xx answers in their own CDN requests")
        .contains(
            "fastly (5.0 % 5xx of 30000; worst edge FASTLY-EDGE-1 at 5.0 %, 0.2 % in the baseline)");
    StringWriter text = new StringWriter();
    ExplainText.print(explanation, DrillMetric.RBR, new PrintWriter(text));
    System.out.print(text);
    assertThat(text.toString())
        .contains("1. cdn=fastly: ")
        .contains("   verdict: cdn: cdn accounts for")
        .contains("baseline")
        .contains("previous-window");
  }

  @Test
  void theHttpApiAnswersTheSameAsJsonAndRefusesBadParameters() throws Exception {
    try (DrillApi api =
        DrillApi.start("127.0.0.1", 0, new Drill(shared.broker(), Clock.systemUTC()), explain)) {
      String base = "http://127.0.0.1:" + api.port() + "/explain";
      HttpResponse<String> ok = get(base + "?metric=vsf&where=property_id%3Dexplain&slices=2");
      assertThat(ok.statusCode()).isEqualTo(200);
      JsonNode json = new ObjectMapper().readTree(ok.body());
      assertThat(json.get("slices")).hasSize(2);
      assertThat(json.at("/slices/0/dimensions/drm_system").asText()).isEqualTo("widevine");
      assertThat(json.at("/slices/0/verdict").asText()).isEqualTo("drm");
      assertThat(json.at("/slices/0/stages/0/stage").asText()).isEqualTo("drm");
      assertThat(json.at("/baseline/reason").asText()).isNotEmpty();

      HttpResponse<String> bad = get(base + "?metric=vsf&baseline=yesterday");
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).contains("unknown baseline 'yesterday'");
      assertThat(get(base + "?since=30m").body()).contains("metric is required");
    }
  }

  @Test
  void theCommandExitsTwoOnBadUsageWithTheReason() {
    StringWriter err = new StringWriter();
    CommandLine cli =
        PinotCli.commandLine()
            .setOut(new PrintWriter(new StringWriter()))
            .setErr(new PrintWriter(err));

    int exit =
        cli.execute(
            "explain", "--broker", shared.pinot().brokerUrl(), "--metric", "vsf", "--slices", "0");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("the number of slices must be 1 to 10, got 0");
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .build()
        .send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
