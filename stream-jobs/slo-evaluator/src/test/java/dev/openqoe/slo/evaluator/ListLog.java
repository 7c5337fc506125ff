package dev.openqoe.slo.evaluator;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An alert log in memory, which can be told to refuse the next append. */
final class ListLog implements AlertLog {

  final List<AlertRecord> records = new CopyOnWriteArrayList<>();
  private boolean refuseNext;

  void refuseNext() {
    refuseNext = true;
  }

  @Override
  public void append(AlertRecord transition) {
    if (refuseNext) {
      refuseNext = false;
      throw new IllegalStateException("broker unreachable");
    }
    records.add(transition);
  }
}
