package dev.openqoe.slo.evaluator;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A target that keeps what it is sent, or fails when told to. */
final class RecordingTarget implements AlertTarget {

  final List<EvaluationRound> rounds = new CopyOnWriteArrayList<>();
  volatile boolean failing;

  @Override
  public String name() {
    return "recording";
  }

  @Override
  public void send(EvaluationRound round) {
    if (failing) {
      throw new IllegalStateException("receiver down");
    }
    rounds.add(round);
  }

  EvaluationRound last() {
    return rounds.get(rounds.size() - 1);
  }
}
