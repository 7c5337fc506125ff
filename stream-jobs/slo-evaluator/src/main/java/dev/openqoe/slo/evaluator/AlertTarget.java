package dev.openqoe.slo.evaluator;

/**
 * Where alerts go besides the log: Alertmanager, a webhook. A target that fails throws; the
 * evaluator reports it and goes on, and the transition stays in the log.
 */
public interface AlertTarget extends AutoCloseable {

  /** For progress and error lines: "alertmanager http://...". */
  String name();

  void send(EvaluationRound round);

  /** Lets what is under way finish; nothing by default. */
  @Override
  default void close() {}
}
