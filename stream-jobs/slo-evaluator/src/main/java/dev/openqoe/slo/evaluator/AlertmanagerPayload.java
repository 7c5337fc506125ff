package dev.openqoe.slo.evaluator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;

/**
 * The body of Alertmanager's {@code POST /api/v2/alerts} for an evaluation: every firing alert
 * again, ending {@code 4 x} the evaluation interval from now (Alertmanager resolves an alert that
 * is not re-posted by then, so a stopped evaluator's alerts end on their own), and each resolution
 * once, ending now. {@code startsAt} is when the alert started firing, from the log, so it stays
 * the same across evaluator restarts.
 */
final class AlertmanagerPayload {

  static final String ALERT_NAME = "QoeSloBurn";

  /** Re-posts an alert may miss before Alertmanager resolves it. */
  static final int MISSED_EVALUATIONS = 4;

  private AlertmanagerPayload() {}

  static String json(EvaluationRound round, Duration every) {
    ArrayNode alerts = AlertJson.JSON.createArrayNode();
    long firingUntil = round.at() + MISSED_EVALUATIONS * every.toMillis();
    for (AlertRecord record : round.firing()) {
      alerts.add(alert(record, firingUntil));
    }
    for (AlertRecord record : round.transitions()) {
      if (!record.firing()) {
        alerts.add(alert(record, record.endsAt()));
      }
    }
    return alerts.toString();
  }

  private static ObjectNode alert(AlertRecord record, long endsAt) {
    ObjectNode alert = AlertJson.JSON.createObjectNode();
    ObjectNode labels = alert.putObject("labels");
    labels.put("alertname", ALERT_NAME);
    labels.put("property", record.propertyId());
    labels.put("slo", record.slo());
    labels.put("sli", record.sli());
    labels.put("severity", record.severity());
    record.sliceValues().values().forEach(labels::put);
    ObjectNode annotations = alert.putObject("annotations");
    annotations.put("summary", record.summary());
    annotations.put("description", record.description());
    annotations.put("dashboard", record.dashboardUrl());
    annotations.put("explain", record.explain());
    alert.put("startsAt", Instant.ofEpochMilli(record.startsAt()).toString());
    alert.put("endsAt", Instant.ofEpochMilli(endsAt).toString());
    alert.put("generatorURL", record.dashboardUrl());
    return alert;
  }
}
