package dev.openqoe.slo;

/**
 * What one rule says of one SLO at one time: the burn rates over its windows, and whether it fires.
 */
public record BurnRateAlert(
    Slo slo,
    BurnRateRule rule,
    double longWindowBurnRate,
    double shortWindowBurnRate,
    boolean firing) {

  /** Evaluates {@code rule} for {@code slo} over {@code sli} at {@code now}. */
  public static BurnRateAlert evaluate(Slo slo, BurnRateRule rule, SliMinutes sli, long now) {
    double longRatio = sli.errorRatio(now, rule.longWindow());
    double shortRatio = sli.errorRatio(now, rule.shortWindow());
    return new BurnRateAlert(
        slo,
        rule,
        slo.burnRate(longRatio),
        slo.burnRate(shortRatio),
        rule.fires(slo, longRatio, shortRatio));
  }
}
