package dev.openqoe.slo.evaluator;

import dev.openqoe.slo.SliMinutes;
import dev.openqoe.slo.Slice;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Per-minute counts gathered by slice, as the burn-rate rules read them. */
final class SlicedMinutes {

  private SlicedMinutes() {}

  /** Each slice's minutes, keeping {@code keep} (the longest window). */
  static Map<Slice, SliMinutes> of(List<SliCount> counts, Duration keep) {
    Map<Slice, SliMinutes> bySlice = new LinkedHashMap<>();
    for (SliCount count : counts) {
      bySlice
          .computeIfAbsent(count.slice(), slice -> new SliMinutes(keep))
          .add(count.minute(), count.total(), count.bad());
    }
    return bySlice;
  }
}
