package dev.openqoe.slo.evaluator;

import dev.openqoe.slo.BurnRateAlert;
import dev.openqoe.slo.BurnRateRule;
import dev.openqoe.slo.Severity;
import dev.openqoe.slo.SliMinutes;
import dev.openqoe.slo.Slice;
import dev.openqoe.slo.SloDefinition;
import java.util.Comparator;

/**
 * What one evaluation says of one alert: whether any of the SLO's rules of its severity fires in
 * its slice, and the deciding rule's figures. The deciding rule is the one nearest to firing, or
 * furthest over: the highest lower of its two burn rates over its threshold; so a firing alert
 * reports a rule that fires, and a resolved one the rule that came closest.
 *
 * @param minutes the slice's SLI minutes the rules read
 */
public record AlertVerdict(
    SloDefinition slo,
    Slice slice,
    Severity severity,
    BurnRateAlert deciding,
    boolean firing,
    SliMinutes minutes,
    long now) {

  private static final Comparator<BurnRateAlert> NEAREST_TO_FIRING =
      Comparator.comparingDouble(
          alert ->
              Math.min(alert.longWindowBurnRate(), alert.shortWindowBurnRate())
                  / alert.rule().burnRate());

  /** Evaluates {@code slo}'s rules of {@code severity} over a slice's {@code minutes}. */
  public static AlertVerdict judge(
      SloDefinition slo, Slice slice, Severity severity, SliMinutes minutes, long now) {
    boolean firing = false;
    BurnRateAlert deciding = null;
    for (BurnRateRule rule : slo.rules(severity)) {
      BurnRateAlert alert = BurnRateAlert.evaluate(slo.slo(), rule, minutes, now);
      firing |= alert.firing();
      if (deciding == null || NEAREST_TO_FIRING.compare(alert, deciding) > 0) {
        deciding = alert;
      }
    }
    if (deciding == null) {
      throw new IllegalArgumentException(
          "SLO " + slo.name() + " has no rule of severity " + severity.label());
    }
    return new AlertVerdict(slo, slice, severity, deciding, firing, minutes, now);
  }

  public AlertKey key() {
    return new AlertKey(slo.property(), slo.name(), severity, slice);
  }

  public BurnRateRule rule() {
    return deciding.rule();
  }

  /** The bad share of events over the deciding rule's long window. */
  public double longWindowErrorRatio() {
    return minutes.errorRatio(now, rule().longWindow());
  }

  /** The bad share of events over the deciding rule's short window. */
  public double shortWindowErrorRatio() {
    return minutes.errorRatio(now, rule().shortWindow());
  }
}
