package dev.openqoe.slo.evaluator;

import dev.openqoe.slo.Severity;
import dev.openqoe.slo.SloDefinition;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The evaluator's progress and error lines: what it loaded and sends to at start, each transition,
 * and each failure with its reason (errors on the error stream).
 */
public final class Reporter {

  private static final String PREFIX = "slo-evaluator: ";

  private final PrintStream out;
  private final PrintStream err;

  public Reporter(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  void loaded(String file, List<SloDefinition> slos) {
    out.println(PREFIX + slos.size() + " SLOs from " + file + ":");
    for (SloDefinition slo : slos) {
      out.println(
          String.format(
              Locale.ROOT,
              "  %s/%s: %s >= %s%s%s, %d rules (%s)",
              slo.property(),
              slo.name(),
              slo.sli().id(),
              Figures.percent(slo.objective()),
              slo.where().isEmpty() ? "" : " where " + slo.where(),
              slo.by().isEmpty() ? "" : " by " + String.join(",", slo.by()),
              slo.rules().size(),
              String.join(", ", slo.severities().stream().map(Severity::label).toList())));
    }
  }

  void recovered(String topic, int records, int firing, List<String> unreadable) {
    out.println(
        PREFIX + "read " + records + " records of " + topic + ": " + firing + " alerts firing");
    unreadable.forEach(
        reason -> err.println(PREFIX + "skipped a record of " + topic + ": " + reason));
  }

  void sending(String log, List<AlertTarget> targets) {
    out.println(
        PREFIX
            + "transitions to "
            + log
            + (targets.isEmpty()
                ? "; no other target"
                : "; alerts to "
                    + String.join(", ", targets.stream().map(AlertTarget::name).toList())));
  }

  void transition(AlertRecord record) {
    out.println(
        PREFIX
            + Instant.ofEpochMilli(record.eventAt())
            + " "
            + record.status().toUpperCase(Locale.ROOT)
            + " "
            + record.alertId()
            + ": "
            + record.summary());
  }

  void sourceFailed(SloDefinition slo, RuntimeException e) {
    error("SLO " + slo.property() + "/" + slo.name() + " not evaluated this time: " + reason(e));
  }

  void logFailed(AlertRecord record, RuntimeException e) {
    error(
        "could not log "
            + record.status()
            + " of "
            + record.alertId()
            + " (tried again at the next evaluation): "
            + reason(e));
  }

  void targetFailed(AlertTarget target, RuntimeException e) {
    error(target.name() + ": " + reason(e));
  }

  void evaluationFailed(RuntimeException e) {
    error("evaluation failed: " + reason(e));
  }

  void error(String message) {
    err.println(PREFIX + message);
  }

  void info(String message) {
    out.println(PREFIX + message);
  }

  static String reason(Throwable e) {
    Throwable cause = e;
    while (cause.getMessage() == null && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}
