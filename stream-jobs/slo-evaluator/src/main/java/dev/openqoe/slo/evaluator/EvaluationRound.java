package dev.openqoe.slo.evaluator;

import java.util.List;

/**
 * What one evaluation hands to the alert targets.
 *
 * @param at the evaluation's time, epoch milliseconds
 * @param firing every alert firing after it, with its figures of this evaluation (or the last it
 *     could compute, when Pinot failed)
 * @param transitions the alerts that started firing or resolved in it, as logged
 */
public record EvaluationRound(long at, List<AlertRecord> firing, List<AlertRecord> transitions) {

  public EvaluationRound {
    firing = List.copyOf(firing);
    transitions = List.copyOf(transitions);
  }
}
