package dev.openqoe.slo;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One multi-window burn-rate alert rule (Google's SRE workbook, "Alerting on SLOs"): it fires while
 * the error ratio burns the budget at least {@code burnRate} times too fast over the long window
 * and over the short one. The long window makes it significant, the short one makes it resolve soon
 * after the errors stop.
 */
public record BurnRateRule(
    Severity severity, Duration longWindow, Duration shortWindow, double burnRate) {

  /**
   * The workbook's defaults: page at 14.4x over 1 h and 5 min (2 % of a 30-day budget in an hour)
   * and at 6x over 6 h and 30 min (5 % in 6 h), ticket at 1x over 3 days and 6 h (10 % in 3 days).
   */
  public static final List<BurnRateRule> DEFAULTS =
      List.of(
          new BurnRateRule(Severity.PAGE, Duration.ofHours(1), Duration.ofMinutes(5), 14.4),
          new BurnRateRule(Severity.PAGE, Duration.ofHours(6), Duration.ofMinutes(30), 6),
          new BurnRateRule(Severity.TICKET, Duration.ofDays(3), Duration.ofHours(6), 1));

  public BurnRateRule {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(longWindow, "longWindow");
    Objects.requireNonNull(shortWindow, "shortWindow");
    if (shortWindow.isNegative()
        || shortWindow.isZero()
        || shortWindow.compareTo(longWindow) >= 0) {
      throw new IllegalArgumentException(
          "a burn-rate rule's short window must be positive and shorter than its long window, got "
              + shortWindow
              + " and "
              + longWindow);
    }
    if (!(burnRate > 0)) {
      throw new IllegalArgumentException("a burn rate must be positive, got " + burnRate);
    }
  }

  /** Whether an error ratio over each window burns {@code slo}'s budget fast enough to fire. */
  public boolean fires(Slo slo, double longWindowErrorRatio, double shortWindowErrorRatio) {
    return slo.burnRate(longWindowErrorRatio) >= burnRate
        && slo.burnRate(shortWindowErrorRatio) >= burnRate;
  }

  /**
   * How long after errors start at a constant {@code errorRatio} (none before) the long window
   * reaches the threshold: {@code burnRate x budget x longWindow / errorRatio}, the workbook's
   * detection time; empty when that ratio never burns fast enough.
   */
  public Optional<Duration> detectionTime(Slo slo, double errorRatio) {
    if (slo.burnRate(errorRatio) < burnRate) {
      return Optional.empty();
    }
    double millis = burnRate * slo.errorBudget() * longWindow.toMillis() / errorRatio;
    return Optional.of(Duration.ofMillis(Math.round(millis)));
  }
}
