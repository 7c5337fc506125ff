package dev.openqoe.slo.evaluator;

import dev.openqoe.kafka.QoeTopics;
import dev.openqoe.slo.SloDefinition;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The evaluator at work: started from the alert log (which alerts fire), it has evaluated once when
 * {@link #start} returns and then evaluates every interval on a thread of its own, until closed.
 * Closing stops the evaluations, then the targets and the log.
 */
public final class RunningEvaluator implements AutoCloseable {

  private final ScheduledExecutorService schedule;
  private final KafkaAlertLog log;
  private final List<AlertTarget> targets;

  private RunningEvaluator(
      ScheduledExecutorService schedule, KafkaAlertLog log, List<AlertTarget> targets) {
    this.schedule = schedule;
    this.log = log;
    this.targets = targets;
  }

  /**
   * Recovers the firing alerts from the alert log at {@code kafka}, evaluates once, and schedules
   * the next evaluations {@code every} apart.
   */
  public static RunningEvaluator start(
      List<SloDefinition> slos,
      SliSource source,
      String kafka,
      AlertRecords records,
      List<AlertTarget> targets,
      Duration every,
      Clock clock,
      Reporter reporter) {
    AlertLogReader.Contents contents = AlertLogReader.read(kafka);
    FiringAlerts firing = FiringAlerts.recover(contents.records());
    reporter.recovered(
        QoeTopics.SLO_ALERTS.name(),
        contents.records().size(),
        firing.all().size(),
        contents.unreadable());
    KafkaAlertLog log = new KafkaAlertLog(kafka);
    SloEvaluator evaluator =
        new SloEvaluator(slos, source, firing, log, records, targets, reporter);
    try {
      evaluator.evaluate(clock.millis());
    } catch (RuntimeException e) {
      log.close();
      throw e;
    }
    ScheduledExecutorService schedule =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "slo-evaluations");
              thread.setDaemon(true);
              return thread;
            });
    schedule.scheduleAtFixedRate(
        () -> {
          try {
            evaluator.evaluate(clock.millis());
          } catch (RuntimeException e) {
            reporter.evaluationFailed(e);
          }
        },
        every.toMillis(),
        every.toMillis(),
        TimeUnit.MILLISECONDS);
    return new RunningEvaluator(schedule, log, List.copyOf(targets));
  }

  @Override
  public void close() {
    schedule.shutdown();
    try {
      schedule.awaitTermination(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    targets.forEach(AlertTarget::close);
    log.close();
  }
}
