package dev.openqoe.slo.evaluator;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

/**
 * What {@code qoe alerts} shows from the alert log: the alerts firing now and the transitions of a
 * recent period, newest last.
 */
public record AlertsReport(List<AlertRecord> firing, List<AlertRecord> transitions) {

  /** The report of {@code log} for transitions at or after {@code since} (epoch milliseconds). */
  public static AlertsReport of(List<AlertRecord> log, long since) {
    return new AlertsReport(
        FiringAlerts.recover(log).all(),
        log.stream().filter(record -> record.eventAt() >= since).toList());
  }

  /** As a table for people: id, since or at, summary. */
  public void print(PrintWriter out, Instant since) {
    out.println("firing (" + firing.size() + "):");
    for (AlertRecord alert : firing) {
      out.printf(
          "  %-8s since %s  %s%n    %s%n",
          alert.severity(),
          Instant.ofEpochMilli(alert.startsAt()),
          alert.alertId(),
          alert.summary());
    }
    out.println("transitions since " + since + " (" + transitions.size() + "):");
    for (AlertRecord transition : transitions) {
      out.printf(
          "  %s  %-8s %s%n    %s%n",
          Instant.ofEpochMilli(transition.eventAt()),
          transition.status(),
          transition.alertId(),
          transition.summary());
    }
    out.flush();
  }
}
