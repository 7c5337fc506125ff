package dev.openqoe.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The burn-rate rules against windows computed by hand, in minutes of 1 (or 100,000) events each.
 */
class BurnRateRuleTest {

  private static final long MINUTE = 60_000;
  private static final long T0 = 1_764_928_800_000L; // a minute start
  private static final Slo STARTS = new Slo("start success", 0.999);
  private static final BurnRateRule FAST_PAGE = BurnRateRule.DEFAULTS.get(0);
  private static final BurnRateRule SLOW_PAGE = BurnRateRule.DEFAULTS.get(1);
  private static final BurnRateRule TICKET = BurnRateRule.DEFAULTS.get(2);

  @Test
  void detectionTimeIsTheWorkbooks() {
    // 14.4 x 0.1 % budget x 1 h / error ratio
    assertThat(FAST_PAGE.detectionTime(STARTS, 1.0)).contains(Duration.ofMillis(51_840));
    assertThat(FAST_PAGE.detectionTime(STARTS, 0.02)).contains(Duration.ofMillis(2_592_000));
    // 6 x 0.1 % x 6 h / 1.439 % = 9,006.254 s; at 14.39x the fast page never fires
    assertThat(SLOW_PAGE.detectionTime(STARTS, 0.01439)).contains(Duration.ofMillis(9_006_254));
    assertThat(FAST_PAGE.detectionTime(STARTS, 0.01439)).isEmpty();
  }

  @Test
  void firesWithinOneEvaluationOfTheDetectionTime() {
    SliMinutes sli = cleanHours(6);
    // 2 % of starts fail from T0 on: the detection time is 43.2 minutes.
    for (int minute = 0; minute < 60; minute++) {
      sli.add(T0 + minute * MINUTE, 100_000, 2_000);
    }
    assertThat(evaluate(sli, T0 + 43 * MINUTE).firing()).as("43 bad minutes of 60").isFalse();
    BurnRateAlert at44 = evaluate(sli, T0 + 44 * MINUTE);
    assertThat(at44.firing()).isTrue();
    assertThat(at44.longWindowBurnRate()).isCloseTo(20.0 * 44 / 60, offset(1e-9));
    assertThat(at44.shortWindowBurnRate()).isCloseTo(20.0, offset(1e-9));
  }

  @Test
  void aBurnJustUnderTheThresholdNeverPagesFastButPagesSlow() {
    SliMinutes sli = cleanHours(6);
    boolean fastFired = false;
    boolean slowFired = false;
    for (int minute = 0; minute < 6 * 60; minute++) {
      sli.add(T0 + minute * MINUTE, 100_000, 1_439); // burn 14.39x
      long now = T0 + (minute + 1) * MINUTE;
      fastFired |= BurnRateAlert.evaluate(STARTS, FAST_PAGE, sli, now).firing();
      slowFired |= BurnRateAlert.evaluate(STARTS, SLOW_PAGE, sli, now).firing();
    }
    assertThat(fastFired).isFalse();
    assertThat(slowFired).isTrue();
  }

  @Test
  void resolvesOnceTheShortWindowRecoversThoughTheLongOneStillBurns() {
    SliMinutes sli = cleanHours(2);
    for (int minute = 0; minute < 30; minute++) {
      sli.add(T0 + minute * MINUTE, 100_000, 10_000); // 10 % for half an hour
    }
    for (int minute = 30; minute < 40; minute++) {
      sli.add(T0 + minute * MINUTE, 100_000, 0);
    }
    assertThat(evaluate(sli, T0 + 30 * MINUTE).firing()).isTrue();
    // 34 min: the 5-minute window holds 1 bad minute (2 %, 20x): still firing.
    assertThat(evaluate(sli, T0 + 34 * MINUTE).firing()).isTrue();
    BurnRateAlert resolved = evaluate(sli, T0 + 35 * MINUTE);
    assertThat(resolved.firing()).isFalse();
    assertThat(resolved.longWindowBurnRate()).isCloseTo(50.0, offset(1e-9));
    assertThat(resolved.shortWindowBurnRate()).isZero();
  }

  @Test
  void aSteadyBurnOfOneAndAFifthTicketsButNeverPages() {
    Slo vsf = new Slo("vsf", 0.99);
    SliMinutes sli = new SliMinutes(Duration.ofDays(3));
    for (int minute = 0; minute < 3 * 24 * 60; minute++) {
      sli.add(T0 + minute * MINUTE, 1_000, 12); // 1.2 %: burn 1.2x
    }
    long now = T0 + 3 * 24 * 60 * MINUTE;
    assertThat(BurnRateAlert.evaluate(vsf, TICKET, sli, now).firing()).isTrue();
    assertThat(BurnRateAlert.evaluate(vsf, FAST_PAGE, sli, now).firing()).isFalse();
    assertThat(BurnRateAlert.evaluate(vsf, SLOW_PAGE, sli, now).firing()).isFalse();
  }

  @Test
  void refusesRulesAndObjectivesThatMeanNothing() {
    assertThatThrownBy(() -> new Slo("vsf", 1.0)).hasMessageContaining("between 0 and 1");
    assertThatThrownBy(() -> new Slo("vsf", 99)).hasMessageContaining("e.g. 0.99");
    assertThatThrownBy(
            () -> new BurnRateRule(Severity.PAGE, Duration.ofMinutes(5), Duration.ofHours(1), 14.4))
        .hasMessageContaining("shorter than its long window");
    assertThatThrownBy(
            () -> new BurnRateRule(Severity.PAGE, Duration.ofHours(1), Duration.ofMinutes(5), 0))
        .hasMessageContaining("positive");
  }

  private static BurnRateAlert evaluate(SliMinutes sli, long now) {
    return BurnRateAlert.evaluate(STARTS, FAST_PAGE, sli, now);
  }

  /** Clean minutes before T0. */
  private static SliMinutes cleanHours(int hours) {
    SliMinutes sli = new SliMinutes(Duration.ofDays(3));
    for (int minute = hours * 60; minute > 0; minute--) {
      sli.add(T0 - minute * MINUTE, 100_000, 0);
    }
    return sli;
  }
}
