package dev.openqoe.slo.evaluator;

import dev.openqoe.slo.BurnRateRule;
import dev.openqoe.slo.Sli;
import dev.openqoe.slo.SloDefinition;
import java.time.Duration;
import java.util.Locale;

/**
 * Explains an alert by the slice's metric over the deciding rule's windows, with the events behind
 * it: "VSF of cdn=fastly: 20.3 % of 5120 attempts over the last 1h, 25 % of 430 attempts over the
 * last 5m; the SLO allows 1 %."
 */
public final class SliValueExplainer implements AlertExplainer {

  @Override
  public String explain(AlertVerdict verdict) {
    SloDefinition slo = verdict.slo();
    BurnRateRule rule = verdict.rule();
    return String.format(
        Locale.ROOT,
        "%s%s: %s over the last %s, %s over the last %s; the SLO allows %s.",
        slo.sli().badEvents(slo.threshold()),
        verdict.slice().isWhole() ? "" : " of " + verdict.slice().text(),
        share(verdict, rule.longWindow()),
        Figures.window(rule.longWindow()),
        share(verdict, rule.shortWindow()),
        Figures.window(rule.shortWindow()),
        Figures.percent(slo.slo().errorBudget()));
  }

  private static String share(AlertVerdict verdict, Duration window) {
    Sli sli = verdict.slo().sli();
    long events = verdict.minutes().events(verdict.now(), window);
    // rebuffering is counted in milliseconds of watch time
    String amount = sli == Sli.REBUFFER ? events / 1000 + " s of" : Long.toString(events);
    if (events == 0) {
      return "no " + sli.events();
    }
    return Figures.percent(verdict.minutes().errorRatio(verdict.now(), window))
        + " of "
        + amount
        + " "
        + sli.events();
  }
}
