package dev.openqoe.slo;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A service level objective on a ratio of good events, e.g. 99 % of attempts start (VSF under 1 %).
 *
 * @param objective the share of events that must be good, strictly between 0 and 1
 */
public record Slo(String name, double objective) {

  public Slo {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("an SLO needs a name");
    }
    if (!(objective > 0 && objective < 1)) {
      throw new IllegalArgumentException(
          "SLO " + name + ": objective must be between 0 and 1 (e.g. 0.99), got " + objective);
    }
  }

  /**
   * The share of events that may be bad: 1 - objective, in decimal (1 - 0.999 in binary floating
   * point is a hair over 0.001, which would put a burn of exactly 14.4x under 14.4).
   */
  public double errorBudget() {
    return BigDecimal.ONE.subtract(BigDecimal.valueOf(objective)).doubleValue();
  }

  /** How many times faster than the SLO allows an error ratio spends the budget. */
  public double burnRate(double errorRatio) {
    return errorRatio / errorBudget();
  }
}
