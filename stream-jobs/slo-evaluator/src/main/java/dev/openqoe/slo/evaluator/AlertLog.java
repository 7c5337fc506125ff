package dev.openqoe.slo.evaluator;

/**
 * Where alert transitions are recorded, in order: Kafka's {@code qoe.slo.alerts.v1} ({@link
 * KafkaAlertLog}). A transition counts as made only once the log has it; the evaluator makes it
 * again at the next evaluation otherwise.
 */
public interface AlertLog {

  /**
   * Appends {@code transition}, returning once it is durable.
   *
   * @throws RuntimeException when it could not be recorded; nothing is then recorded
   */
  void append(AlertRecord transition);
}
