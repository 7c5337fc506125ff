package dev.openqoe.bench.path;

import java.util.List;
import java.util.Map;

/**
 * One rate held for a while: what was asked and done, each consumer's worst lag, and the errors.
 *
 * @param rate beacons per second asked for
 * @param achieved beacons per second the part took (stored and acknowledged)
 * @param worstLag per lag measured, its worst reading in seconds (as judged: see {@link Phase})
 * @param errors what went wrong, empty when nothing did
 */
record StepResult(
    double rate,
    double seconds,
    double achieved,
    Map<String, Double> worstLag,
    List<String> errors,
    boolean hold) {

  /** The share of the asked rate the part must take, so that a step is not passed on a backlog. */
  static final double KEPT_SHARE = 0.95;

  /** The name of the load generator's own lag: its backlog. */
  static final String LOAD = "load";

  StepResult {
    worstLag = Map.copyOf(worstLag);
    errors = List.copyOf(errors);
  }

  boolean passed(double lagLimitSeconds) {
    return errors.isEmpty()
        && achieved >= KEPT_SHARE * rate
        && worstLag.values().stream().allMatch(lag -> lag < lagLimitSeconds);
  }

  /**
   * Whether the step failed on the load generator alone: it fell behind its own schedule (lag
   * {@value #LOAD}) while the part showed no error and no lag of its own. The part's limit is then
   * above the rate.
   */
  boolean generatorLimited(double lagLimitSeconds) {
    return errors.isEmpty()
        && worstLag.getOrDefault(LOAD, 0.0) >= lagLimitSeconds
        && worstLag.entrySet().stream()
            .filter(lag -> !lag.getKey().equals(LOAD))
            .allMatch(lag -> lag.getValue() < lagLimitSeconds);
  }

  /** Why it did not pass, or "passed". */
  String verdict(double lagLimitSeconds) {
    if (!errors.isEmpty()) {
      return "errors: " + String.join("; ", errors);
    }
    StringBuilder why = new StringBuilder();
    worstLag.entrySet().stream()
        .filter(lag -> lag.getValue() >= lagLimitSeconds)
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            lag ->
                why.append(why.isEmpty() ? "" : ", ")
                    .append(
                        String.format(
                            java.util.Locale.ROOT,
                            "lag of %s %.1f s",
                            lag.getKey(),
                            lag.getValue())));
    if (achieved < KEPT_SHARE * rate) {
      why.append(why.isEmpty() ? "" : ", ")
          .append(
              String.format(java.util.Locale.ROOT, "took %.0f of %.0f beacons/s", achieved, rate));
    }
    return why.isEmpty() ? "passed" : why.toString();
  }
}
