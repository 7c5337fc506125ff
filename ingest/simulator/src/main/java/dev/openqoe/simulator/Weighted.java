package dev.openqoe.simulator;

import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/** Draws one item of a list with probability proportional to its share. */
final class Weighted {

  private Weighted() {}

  static <T> T pick(List<T> items, ToDoubleFunction<T> share, Random random) {
    double total = items.stream().mapToDouble(share).sum();
    double point = random.nextDouble() * total;
    for (T item : items) {
      point -= share.applyAsDouble(item);
      if (point < 0) {
        return item;
      }
    }
    return items.get(items.size() - 1);
  }
}
