package dev.openqoe.drillbench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Wall-clock times of repeated runs of one question, in milliseconds, sorted. */
record Timings(List<Double> millis) {

  static Timings measure(int warmUp, int runs, Runnable question) {
    for (int i = 0; i < warmUp; i++) {
      question.run();
    }
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long began = System.nanoTime();
      question.run();
      millis.add((System.nanoTime() - began) / 1e6);
    }
    Collections.sort(millis);
    return new Timings(List.copyOf(millis));
  }

  /** The nearest-rank percentile. */
  double percentile(int percent) {
    int index = (int) Math.ceil(percent / 100.0 * millis.size()) - 1;
    return millis.get(Math.max(0, index));
  }

  double max() {
    return millis.get(millis.size() - 1);
  }
}
