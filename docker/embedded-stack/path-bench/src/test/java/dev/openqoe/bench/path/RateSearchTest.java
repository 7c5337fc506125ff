package dev.openqoe.bench.path;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateSearchTest {

  private static final RateSearch.Plan PLAN =
      new RateSearch.Plan(1000, 1.5, 0.85, 3, Duration.ofSeconds(30), Duration.ofMinutes(5), 10);

  /**
   * A part that keeps up with short steps below {@code stepLimit} and holds below {@code
   * holdLimit}.
   */
  private static final class FakePart implements RateSearch.Trials {
    final double stepLimit;
    final double holdLimit;
    final List<String> calls = new ArrayList<>();

    FakePart(double stepLimit, double holdLimit) {
      this.stepLimit = stepLimit;
      this.holdLimit = holdLimit;
    }

    @Override
    public StepResult run(double rate, Duration duration, boolean hold) {
      calls.add((hold ? "hold " : "step ") + Math.round(rate));
      double limit = hold ? holdLimit : stepLimit;
      double lag = rate <= limit ? 1 : 30;
      return new StepResult(
          rate, duration.toSeconds(), rate, Map.of("pipeline", lag), List.of(), hold);
    }

    @Override
    public void drain() {
      calls.add("drain");
    }
  }

  @Test
  void rampsUpToTheKneeThenHoldsTheLastRateThatPassed() throws Exception {
    FakePart part = new FakePart(4000, 4000);

    RateSearch.Outcome outcome = RateSearch.search(part, PLAN);

    assertThat(part.calls)
        .containsExactly(
            "step 1000", "step 1500", "step 2250", "step 3375", "step 5063", "drain", "hold 3375");
    assertThat(outcome.sustained()).isEqualTo(3375);
    assertThat(outcome.knee().rate()).isEqualTo(5062.5);
  }

  @Test
  void aFailedHoldIsTriedAgainFifteenPercentLower() throws Exception {
    FakePart part = new FakePart(4000, 2500);

    RateSearch.Outcome outcome = RateSearch.search(part, PLAN);

    assertThat(part.calls)
        .endsWith("drain", "hold 3375", "drain", "hold 2869", "drain", "hold 2438");
    assertThat(outcome.sustained())
        .isEqualTo(3375 * 0.85 * 0.85, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(outcome.holds()).hasSize(3);
  }

  @Test
  void givesUpAfterTheLastHoldAndSaysNoneHeld() throws Exception {
    FakePart part = new FakePart(4000, 100);

    RateSearch.Outcome outcome = RateSearch.search(part, PLAN);

    assertThat(outcome.sustained()).isZero();
    assertThat(outcome.holds()).hasSize(3);
  }

  @Test
  void aFirstStepThatFailsHoldsBelowTheStartRate() throws Exception {
    FakePart part = new FakePart(500, 900);

    RateSearch.Outcome outcome = RateSearch.search(part, PLAN);

    assertThat(part.calls).containsExactly("step 1000", "drain", "hold 850");
    assertThat(outcome.sustained()).isEqualTo(850);
  }

  @Test
  void aStepLostToTheLoadGeneratorsOwnBacklogSaysThePartIsFaster() {
    StepResult generator =
        new StepResult(9000, 30, 8000, Map.of("load", 14.0, "pipeline", 2.0), List.of(), false);
    StepResult part =
        new StepResult(9000, 30, 8000, Map.of("load", 14.0, "pipeline", 12.0), List.of(), false);

    assertThat(generator.passed(10)).isFalse();
    assertThat(generator.generatorLimited(10)).isTrue();
    assertThat(part.generatorLimited(10)).isFalse();
  }

  @Test
  void aStepWithErrorsOrABacklogFailsWhateverItsLag() {
    StepResult errors =
        new StepResult(
            1000, 30, 1000, Map.of("load", 0.0), List.of("3 records on qoe.beacons.dlq"), false);
    StepResult behind = new StepResult(1000, 30, 900, Map.of("load", 0.0), List.of(), false);

    assertThat(errors.passed(10)).isFalse();
    assertThat(errors.verdict(10)).contains("qoe.beacons.dlq");
    assertThat(behind.passed(10)).isFalse();
    assertThat(behind.verdict(10)).isEqualTo("took 900 of 1000 beacons/s");
  }
}
