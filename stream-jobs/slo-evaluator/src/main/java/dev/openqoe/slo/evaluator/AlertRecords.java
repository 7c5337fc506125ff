package dev.openqoe.slo.evaluator;

import dev.openqoe.slo.BurnRateRule;

/** Makes the alert records of verdicts: the figures, the wording, the link, the explanation. */
public final class AlertRecords {

  private final AlertExplainer explainer;
  private final DashboardLink dashboard;

  /**
   * @param dashboardUrl the dashboard alerts link to, before its query (time range, variables)
   */
  public AlertRecords(AlertExplainer explainer, String dashboardUrl) {
    this.explainer = explainer;
    this.dashboard = new DashboardLink(dashboardUrl);
  }

  /** The record of a firing alert that started at {@code startsAt}. */
  AlertRecord firing(AlertVerdict verdict, long startsAt) {
    return record(verdict, AlertStatus.FIRING, startsAt, null);
  }

  /** The record of an alert that fired since {@code startsAt} and resolves now. */
  AlertRecord resolved(AlertVerdict verdict, long startsAt) {
    return record(verdict, AlertStatus.RESOLVED, startsAt, verdict.now());
  }

  /**
   * The resolution of a firing alert the SLO file no longer has (its SLO, severity or slicing
   * changed): its last figures, and a summary that says why it ends.
   */
  static AlertRecord noLongerEvaluated(AlertRecord firing, long now) {
    return new AlertRecord(
        firing.alertId(),
        firing.propertyId(),
        firing.slo(),
        firing.sli(),
        firing.severity(),
        firing.slice(),
        AlertStatus.RESOLVED.label(),
        firing.startsAt(),
        now,
        now,
        firing.objective(),
        firing.errorRatio(),
        firing.longWindowBurnRate(),
        firing.shortWindowBurnRate(),
        firing.ruleBurnRate(),
        firing.ruleLongWindowMinutes(),
        firing.ruleShortWindowMinutes(),
        firing.alertId()
            + ": resolved as the SLO file no longer has it (its SLO, severity or slicing"
            + " changed); the figures are its last ones",
        firing.description(),
        firing.explain(),
        firing.dashboardUrl());
  }

  private AlertRecord record(AlertVerdict verdict, AlertStatus status, long startsAt, Long endsAt) {
    BurnRateRule rule = verdict.rule();
    AlertKey key = verdict.key();
    return new AlertRecord(
        key.id(),
        key.property(),
        key.slo(),
        verdict.slo().sli().id(),
        key.severity().label(),
        key.slice().text(),
        status.label(),
        startsAt,
        endsAt,
        verdict.now(),
        verdict.slo().objective(),
        verdict.longWindowErrorRatio(),
        verdict.deciding().longWindowBurnRate(),
        verdict.deciding().shortWindowBurnRate(),
        rule.burnRate(),
        rule.longWindow().toMinutes(),
        rule.shortWindow().toMinutes(),
        AlertWording.summary(verdict),
        AlertWording.description(verdict),
        explainer.explain(verdict),
        dashboard.of(verdict));
  }
}
