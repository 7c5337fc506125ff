package dev.openqoe.bench.path;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the highest rate a part sustains: short steps up by {@code factor} from {@code start} until
 * one fails (the knee), then the last rate that passed held for the full hold time; if that hold
 * fails, {@code stepDown} of it held again, up to {@code maxHolds} holds. Rates stop at {@code cap}
 * (the load generator's own ceiling): a part that passes there is at least that fast.
 */
final class RateSearch {

  /** What the search asks of a phase. */
  interface Trials {
    StepResult run(double rate, Duration duration, boolean hold) throws Exception;

    /** Stops the load until the part has caught up, so a hold starts without a backlog. */
    void drain() throws Exception;
  }

  /**
   * @param sustained the rate held for the hold time, or 0 when no hold passed
   */
  record Outcome(double sustained, List<StepResult> steps, List<StepResult> holds) {

    Outcome {
      steps = List.copyOf(steps);
      holds = List.copyOf(holds);
    }

    /** The first step that failed: what limits the part. */
    StepResult knee() {
      return steps.isEmpty() ? null : steps.get(steps.size() - 1);
    }
  }

  record Plan(
      double start,
      double factor,
      double stepDown,
      int maxHolds,
      Duration step,
      Duration hold,
      double lagLimitSeconds) {}

  private RateSearch() {}

  static Outcome search(Trials trials, Plan plan) throws Exception {
    List<StepResult> steps = new ArrayList<>();
    double rate = plan.start();
    double lastPassed = 0;
    while (true) {
      StepResult step = trials.run(rate, plan.step(), false);
      steps.add(step);
      if (!step.passed(plan.lagLimitSeconds())) {
        break;
      }
      lastPassed = rate;
      rate *= plan.factor();
    }
    double candidate = lastPassed > 0 ? lastPassed : rate * plan.stepDown();
    List<StepResult> holds = new ArrayList<>();
    for (int i = 0; i < plan.maxHolds(); i++) {
      trials.drain();
      StepResult hold = trials.run(candidate, plan.hold(), true);
      holds.add(hold);
      if (hold.passed(plan.lagLimitSeconds())) {
        return new Outcome(candidate, steps, holds);
      }
      candidate *= plan.stepDown();
    }
    return new Outcome(0, steps, holds);
  }
}
