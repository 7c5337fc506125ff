package dev.openqoe.slo.evaluator;

import dev.openqoe.slo.Severity;
import dev.openqoe.slo.SliMinutes;
import dev.openqoe.slo.Slice;
import dev.openqoe.slo.SloDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One evaluation of every SLO: the SLI minutes of each slice from the source, each severity's
 * verdict, and the transitions against the alerts firing so far. A transition is logged first and
 * is made (in {@link FiringAlerts}) only once the log has it; the targets get it after, and their
 * failures stop nothing.
 */
public final class SloEvaluator {

  private static final long MINUTE_MS = 60_000;

  private final List<SloDefinition> slos;
  private final SliSource source;
  private final FiringAlerts firing;
  private final AlertLog log;
  private final AlertRecords records;
  private final List<AlertTarget> targets;
  private final Reporter reporter;

  public SloEvaluator(
      List<SloDefinition> slos,
      SliSource source,
      FiringAlerts firing,
      AlertLog log,
      AlertRecords records,
      List<AlertTarget> targets,
      Reporter reporter) {
    this.slos = List.copyOf(slos);
    this.source = source;
    this.firing = firing;
    this.log = log;
    this.records = records;
    this.targets = List.copyOf(targets);
    this.reporter = reporter;
  }

  /** Evaluates every SLO at {@code now} (epoch milliseconds) and sends the outcome. */
  public EvaluationRound evaluate(long now) {
    long to = Math.floorDiv(now, MINUTE_MS) * MINUTE_MS;
    Set<String> evaluated = new HashSet<>();
    List<AlertRecord> transitions = new ArrayList<>();
    for (SloDefinition slo : slos) {
      Map<Slice, SliMinutes> minutes;
      try {
        minutes =
            SlicedMinutes.of(
                source.counts(slo, to - slo.longestWindow().toMillis(), to), slo.longestWindow());
      } catch (RuntimeException e) {
        reporter.sourceFailed(slo, e);
        // Unknown is not resolved: its firing alerts stay as they were.
        firing.of(slo).forEach(record -> evaluated.add(record.alertId()));
        continue;
      }
      // A slice that fires and has no events left resolves rather than being forgotten.
      firing
          .slicesOf(slo)
          .forEach(slice -> minutes.putIfAbsent(slice, new SliMinutes(slo.longestWindow())));
      for (Map.Entry<Slice, SliMinutes> slice : minutes.entrySet()) {
        for (Severity severity : slo.severities()) {
          AlertVerdict verdict =
              AlertVerdict.judge(slo, slice.getKey(), severity, slice.getValue(), now);
          evaluated.add(verdict.key().id());
          transition(verdict).ifPresent(transitions::add);
        }
      }
    }
    for (AlertRecord orphan : firing.except(evaluated)) {
      AlertRecord resolved = AlertRecords.noLongerEvaluated(orphan, now);
      if (logged(resolved)) {
        firing.remove(orphan.alertId());
        transitions.add(resolved);
      }
    }
    EvaluationRound round = new EvaluationRound(now, firing.all(), transitions);
    for (AlertTarget target : targets) {
      try {
        target.send(round);
      } catch (RuntimeException e) {
        reporter.targetFailed(target, e);
      }
    }
    return round;
  }

  private Optional<AlertRecord> transition(AlertVerdict verdict) {
    String id = verdict.key().id();
    Optional<AlertRecord> current = firing.get(id);
    if (verdict.firing()) {
      if (current.isPresent()) {
        firing.put(records.firing(verdict, current.get().startsAt()));
        return Optional.empty();
      }
      AlertRecord started = records.firing(verdict, verdict.now());
      if (logged(started)) {
        firing.put(started);
        return Optional.of(started);
      }
    } else if (current.isPresent()) {
      AlertRecord resolved = records.resolved(verdict, current.get().startsAt());
      if (logged(resolved)) {
        firing.remove(id);
        return Optional.of(resolved);
      }
    }
    return Optional.empty();
  }

  private boolean logged(AlertRecord transition) {
    try {
      log.append(transition);
    } catch (RuntimeException e) {
      reporter.logFailed(transition, e);
      return false;
    }
    reporter.transition(transition);
    return true;
  }
}
