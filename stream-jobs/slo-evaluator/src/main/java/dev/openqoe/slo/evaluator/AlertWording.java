package dev.openqoe.slo.evaluator;

import dev.openqoe.slo.BurnRateRule;
import dev.openqoe.slo.Severity;
import dev.openqoe.slo.SloDefinition;
import java.util.Locale;
import java.util.stream.Collectors;

/** The sentences of an alert: its summary (one line with the figures) and its description. */
final class AlertWording {

  private AlertWording() {}

  /**
   * "dev/start-success cdn=fastly: burning its error budget 20.3x over 1h and 25.0x over 5m (page
   * at 14.4x); VSF 20.3 % of attempts over 1h against a budget of 1 %".
   */
  static String summary(AlertVerdict verdict) {
    SloDefinition slo = verdict.slo();
    BurnRateRule rule = verdict.rule();
    String state =
        verdict.firing() ? "burning its error budget" : "resolved: the error budget burns";
    String figures =
        String.format(
            Locale.ROOT,
            "%s %s over %s and %s over %s (%s at %s)",
            state,
            Figures.times(verdict.deciding().longWindowBurnRate()),
            Figures.window(rule.longWindow()),
            Figures.times(verdict.deciding().shortWindowBurnRate()),
            Figures.window(rule.shortWindow()),
            rule.severity().label(),
            Figures.times(rule.burnRate()));
    return String.format(
        Locale.ROOT,
        "%s: %s; %s %s of %s over %s against a budget of %s",
        subject(verdict.key()),
        figures,
        slo.sli().badEvents(slo.threshold()),
        Figures.percent(verdict.longWindowErrorRatio()),
        slo.sli().events(),
        Figures.window(rule.longWindow()),
        Figures.percent(slo.slo().errorBudget()));
  }

  /** What the SLO asks and how its alerts of this severity fire and resolve. */
  static String description(AlertVerdict verdict) {
    SloDefinition slo = verdict.slo();
    StringBuilder text =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "SLO %s of property %s: at least %s good, good being %s",
                slo.name(),
                slo.property(),
                Figures.percent(slo.objective()),
                slo.sli().goodEvents(slo.threshold())));
    if (!slo.where().isEmpty()) {
      text.append(", where ")
          .append(
              slo.where().entrySet().stream()
                  .map(filter -> filter.getKey() + " in " + filter.getValue())
                  .collect(Collectors.joining(" and ")));
    }
    if (!verdict.slice().isWhole()) {
      text.append(", in slice ").append(verdict.slice().text());
    }
    text.append(". It ")
        .append(verdict.severity() == Severity.PAGE ? "pages" : "opens a ticket")
        .append(
            " while the error ratio burns the budget at least a rule's rate over both its windows (")
        .append(
            slo.rules(verdict.severity()).stream()
                .map(
                    rule ->
                        Figures.times(rule.burnRate())
                            + " over "
                            + Figures.window(rule.longWindow())
                            + " and "
                            + Figures.window(rule.shortWindow()))
                .collect(Collectors.joining("; ")))
        .append("), and resolves once no rule's short window burns that fast.");
    return text.toString();
  }

  /** dev/start-success, with the slice after a space when there is one. */
  static String subject(AlertKey key) {
    String subject = key.property() + "/" + key.slo();
    return key.slice().isWhole() ? subject : subject + " " + key.slice().text();
  }
}
