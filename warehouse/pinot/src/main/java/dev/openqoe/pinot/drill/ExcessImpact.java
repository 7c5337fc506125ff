package dev.openqoe.pinot.drill;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which groups drive a metric away from its global value. A group's excess is how far it is on the
 * bad side of the global value, times its weight (the metric's denominator: attempts, started
 * sessions, watch time, play time): for VSF, the failures it has beyond what the global rate would
 * give it. Its share is its excess over the sum of all positive excesses, so the groups that are
 * worse than the whole share 100 % between them and a group at or better than the whole has share 0
 * (its negative excess says by how much it is better). Sorted by excess, the biggest cause first.
 */
public final class ExcessImpact {

  /** A group's value and weight, and the rest it carries along (its dimension values). */
  public record Group<K>(K key, Double value, double weight) {}

  /** The outcome for one group. */
  public record Impact<K>(K key, Double value, double weight, double excess, double share) {}

  private ExcessImpact() {}

  public static <K> List<Impact<K>> rank(
      List<Group<K>> groups, Double globalValue, boolean higherIsWorse) {
    List<Impact<K>> impacts = new ArrayList<>();
    double totalExcess = 0;
    for (Group<K> group : groups) {
      double excess = excess(group, globalValue, higherIsWorse);
      if (excess > 0) {
        totalExcess += excess;
      }
      impacts.add(new Impact<>(group.key(), group.value(), group.weight(), excess, 0));
    }
    List<Impact<K>> ranked = new ArrayList<>();
    for (Impact<K> impact : impacts) {
      double share = totalExcess == 0 ? 0 : Math.max(impact.excess(), 0) / totalExcess;
      ranked.add(
          new Impact<>(impact.key(), impact.value(), impact.weight(), impact.excess(), share));
    }
    ranked.sort(
        Comparator.comparingDouble((Impact<K> impact) -> impact.excess())
            .reversed()
            .thenComparing(impact -> -impact.weight()));
    return ranked;
  }

  private static double excess(Group<?> group, Double globalValue, boolean higherIsWorse) {
    if (group.value() == null || globalValue == null) {
      return 0;
    }
    double difference = group.value() - globalValue;
    return (higherIsWorse ? difference : -difference) * group.weight();
  }
}
