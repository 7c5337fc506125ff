package dev.openqoe.slo.evaluator;

/**
 * Says, for the people an alert reaches, what is behind it: the {@code explain} annotation and
 * record field.
 */
public interface AlertExplainer {

  /** A sentence or a few on the alert's slice at the verdict's evaluation. */
  String explain(AlertVerdict verdict);
}
