package dev.openqoe.slo.evaluator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openqoe.pinot.PinotBroker;
import dev.openqoe.pinot.SharedPinot;
import dev.openqoe.pinot.explain.Explain;
import dev.openqoe.pinot.explain.ExplainScenario;
import dev.openqoe.slo.BurnRateRule;
import dev.openqoe.slo.Severity;
import dev.openqoe.slo.Sli;
import dev.openqoe.slo.SliMinutes;
import dev.openqoe.slo.Slice;
import dev.openqoe.slo.SloDefinition;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An alert's explain annotation, asked of the shared Pinot over the explain scenario's hour (a DRM
 * outage on widevine, a bug of player 1.4.1, a CDN incident at fastly, at once).
 */
class DeliveryChainExplainerIT {

  private static final SharedPinot shared = SharedPinot.get();
  private static final BurnRateRule PAGE =
      new BurnRateRule(Severity.PAGE, Duration.ofHours(1), Duration.ofMinutes(5), 14.4);
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

  private static SloDefinition startSuccess(List<String> by) {
    return new SloDefinition(
        "start-success",
        "explain",
        Sli.START_SUCCESS,
        Optional.empty(),
        0.99,
        Map.of(),
        by,
        List.of(PAGE));
  }

  /** Half of every minute's attempts failed over the last hour: firing. */
  private static AlertVerdict firing(SloDefinition slo, Slice slice) {
    SliMinutes minutes = new SliMinutes(Duration.ofHours(1));
    for (long minute = scenario.now - 3_600_000; minute < scenario.now; minute += 60_000) {
      minutes.add(minute, 100, 50);
    }
    AlertVerdict verdict = AlertVerdict.judge(slo, slice, Severity.PAGE, minutes, scenario.now);
    assertThat(verdict.firing()).isTrue();
    return verdict;
  }

  @Test
  void aSlicedAlertIsExplainedByTheStageThatAccountsForItsSlice() {
    DeliveryChainExplainer explainer = new DeliveryChainExplainer(explain);

    String widevine =
        explainer.explain(
            firing(
                startSuccess(List.of("drm_system")), new Slice(Map.of("drm_system", "widevine"))));
    String buggy =
        explainer.explain(
            firing(
                startSuccess(List.of("player_version")),
                new Slice(Map.of("player_version", "1.4.1"))));

    assertThat(widevine)
        .startsWith("VSF of drm_system=widevine: 50 % of 6000 attempts over the last 1h")
        .contains("qoe explain over the last 1h: drm: drm accounts for")
        .contains("a license request denied or failed, or their failure's stage is DRM");
    assertThat(buggy)
        .contains("qoe explain over the last 1h: unknown: no delivery-chain stage accounts for it")
        .contains("carry the player's own error codes");
  }

  @Test
  void anAlertOnTheWholePropertyNamesTheSliceHoldingTheExcess() {
    String text =
        new DeliveryChainExplainer(explain).explain(firing(startSuccess(List.of()), Slice.WHOLE));

    assertThat(text).contains("qoe explain over the last 1h: drm_system=widevine: drm: ");
  }

  @Test
  void aResolvedAlertKeepsItsFiguresAndPinotTroubleIsSaidNotThrown() {
    Explain unreachable = new Explain(new PinotBroker("http://127.0.0.1:1"), Clock.systemUTC());
    DeliveryChainExplainer explainer = new DeliveryChainExplainer(unreachable);
    SloDefinition slo = startSuccess(List.of("cdn"));
    Slice fastly = new Slice(Map.of("cdn", "fastly"));
    SliMinutes healthy = new SliMinutes(Duration.ofHours(1));
    healthy.add(scenario.now - 60_000, 100, 0);

    String resolved =
        explainer.explain(AlertVerdict.judge(slo, fastly, Severity.PAGE, healthy, scenario.now));
    String failed = explainer.explain(firing(slo, fastly));

    assertThat(resolved).doesNotContain("qoe explain");
    assertThat(failed)
        .startsWith("VSF of cdn=fastly: 50 %")
        .contains("qoe explain over the last 1h: could not answer (")
        .contains("127.0.0.1:1");
    unreachable.close();
  }
}
