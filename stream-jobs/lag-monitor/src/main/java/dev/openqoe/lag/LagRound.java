package dev.openqoe.lag;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.event.Level;

/**
 * One pass over every watched consumer: measure its lag, export it, check it against the topic's
 * retention. What a pass found (at risk, lost, not measurable) comes back as findings for the log;
 * one consumer that cannot be measured stops nobody else's measurement.
 */
public final class LagRound {

  /** A pass's measurements (of those that could be measured) and its findings, in order. */
  public record Result(List<TopicLag> lags, List<Finding> findings) {}

  private final List<WatchedTopic> watched;
  private final Function<WatchedTopic, TopicLag> measure;
  private final RetentionRule rule;
  private final LagMetrics metrics;
  private final LossLedger losses = new LossLedger();

  /**
   * @param measure the lag of a consumer now ({@link LagReader#read}); a RuntimeException says why
   *     it cannot be measured
   */
  public LagRound(
      List<WatchedTopic> watched,
      Function<WatchedTopic, TopicLag> measure,
      RetentionRule rule,
      LagMetrics metrics) {
    this.watched = List.copyOf(watched);
    this.measure = measure;
    this.rule = rule;
    this.metrics = metrics;
    this.watched.forEach(metrics::watch);
  }

  public Result run() {
    List<TopicLag> lags = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    for (WatchedTopic topic : watched) {
      TopicLag lag;
      try {
        lag = measure.apply(topic);
      } catch (RuntimeException e) {
        metrics.failed(topic);
        findings.add(
            new Finding(
                Level.WARN, topic, "cannot measure the lag of " + topic + ": " + e.getMessage()));
        continue;
      }
      boolean risk = rule.atRisk(lag);
      List<LossLedger.LostRange> lost = losses.newlyLost(lag);
      metrics.measured(lag, risk, lost.stream().mapToLong(LossLedger.LostRange::records).sum());
      if (!lost.isEmpty()) {
        findings.add(LossLedger.error(topic, lost));
      }
      if (risk) {
        findings.add(rule.warning(lag));
      }
      lags.add(lag);
    }
    return new Result(lags, findings);
  }
}
